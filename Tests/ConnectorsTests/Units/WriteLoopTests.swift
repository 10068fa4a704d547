import Foundation
import Testing
import SyncCore
@testable import SyncHTTP
@testable import Connectors

/// The one write loop every connector sends through: outcomes known so far are never
/// lost when the remote fails part-way through a batch.
@Suite("WriteLoop")
struct WriteLoopTests {
    static func write(_ key: String, _ operation: RecordWrite.Operation = .create) -> RecordWrite {
        RecordWrite(key: key, operation: operation, id: operation == .create ? nil : "id-\(key)")
    }

    static func applied(_ call: WriteLoop.Call<String>) -> [WriteOutcome] {
        call.writes.map { WriteOutcome(key: $0.key, result: .applied(id: "id-\($0.key)", created: $0.operation == .create)) }
    }

    static let timeout = ConnectorError.transport(.timeout(HTTPFailure(remote: "crm", method: .post, redactedURL: "/x", attempts: 3)))
    static let quota = ConnectorError.quotaExhausted(remote: "crm", used: 100, limit: 100, message: "daily limit")

    /// Two batches of two and one of one: the second fails after the first applied.
    static var calls: [WriteLoop.Call<String>] {
        let writes = [write("a"), write("b", .update), write("c"), write("d", .update), write("e")]
        return [WriteLoop.Call(operation: "upsert", writes: writes[0..<2]), WriteLoop.Call(operation: "upsert", writes: writes[2..<4]),
                WriteLoop.Call(operation: "upsert", writes: writes[4..<5])]
    }

    /// Runs `calls`, the second of which fails with `error`; returns the outcomes and the calls made.
    static func runFailingSecondCall(_ error: ConnectorError) throws -> (outcomes: [WriteOutcome], sent: Int) {
        var sent = 0
        let outcomes = try WriteLoop.run(calls) { (call) throws(ConnectorError) -> [WriteOutcome] in
            sent += 1
            if sent == 2 { throw error }
            return applied(call)
        }
        return (outcomes, sent)
    }

    @Test("an error mid-batch keeps the earlier outcomes; the call in flight is unknown, later ones not sent")
    func errorMidBatch() throws {
        let (outcomes, sent) = try Self.runFailingSecondCall(Self.timeout)
        #expect(sent == 2, "nothing is sent after the remote failed")
        #expect(outcomes.map(\.key) == ["a", "b", "c", "d", "e"])
        #expect(outcomes[key: "a"]?.appliedID == "id-a" && outcomes[key: "b"]?.appliedID == "id-b")
        #expect(outcomes[key: "c"]?.failure?.code == WriteLoop.outcomeUnknown, "a create that may have applied")
        #expect(outcomes[key: "d"]?.failure?.code == "TRANSPORT", "an update is safe to repeat")
        #expect(outcomes[key: "e"]?.failure?.code == WriteLoop.notSent)
        #expect(outcomes.compactMap(\.failure).allSatisfy { $0.retryable })
    }

    @Test("a quota stop after the first call keeps its outcomes and fails the rest retryably")
    func quotaMidBatch() throws {
        let (outcomes, _) = try Self.runFailingSecondCall(Self.quota)
        #expect(outcomes[key: "a"]?.appliedID != nil && outcomes[key: "b"]?.appliedID != nil)
        #expect(outcomes[key: "c"]?.failure?.code == "QUOTA_EXHAUSTED" && outcomes[key: "d"]?.failure?.code == "QUOTA_EXHAUSTED")
        #expect(outcomes[key: "e"]?.failure?.code == "QUOTA_EXHAUSTED", "never sent, for the same reason")
    }

    @Test("a spent quota is an outcome even before anything applied: nothing was sent")
    func quotaFirst() throws {
        let outcomes = try WriteLoop.run(Self.calls) { (_) throws(ConnectorError) -> [WriteOutcome] in throw Self.quota }
        #expect(outcomes.count == 5)
        #expect(outcomes.allSatisfy { $0.failure?.code == "QUOTA_EXHAUSTED" && $0.failure?.retryable == true })
    }

    @Test("a failure before anything applied throws: no outcome is known")
    func failureFirst() {
        var thrown: ConnectorError?
        do {
            _ = try WriteLoop.run(Self.calls) { (_) throws(ConnectorError) -> [WriteOutcome] in throw Self.timeout }
        } catch {
            thrown = error
        }
        #expect(thrown?.kind == .transport)
    }

    @Test("a call refused as a whole fails only its writes; the loop goes on")
    func refusedCall() throws {
        var sent = 0
        let outcomes = try WriteLoop.run(Self.calls) { (call) throws(ConnectorError) -> [WriteOutcome] in
            sent += 1
            if sent == 1 {
                throw .rejected(remote: "crm", endpoint: "PATCH", status: 400, code: "INVALID_FIELD", message: "No such column")
            }
            return Self.applied(call)
        }
        #expect(sent == 3)
        #expect(outcomes[key: "a"]?.failure?.code == "INVALID_FIELD" && outcomes[key: "a"]?.failure?.retryable == false)
        #expect(outcomes[key: "b"]?.failure?.code == "INVALID_FIELD")
        #expect(outcomes[key: "c"]?.appliedID != nil && outcomes[key: "e"]?.appliedID != nil)
    }

    @Test("an unreadable answer fails its one record, but stops a batch, or a create that can be looked up, whose fate is unknown")
    func malformedAnswer() throws {
        let malformed = ConnectorError.malformedResponse(remote: "crm", endpoint: "POST", reason: "no id")
        let update = try WriteLoop.run([Self.write("a", .update), Self.write("b")]) { (write) throws(ConnectorError) -> WriteOutcome.Result in
            if write.key == "a" { throw malformed }
            return .applied(id: "id-b", created: true)
        }
        #expect(update[key: "a"]?.failure?.retryable == false && update[key: "b"]?.appliedID == "id-b")
        // No external id to look it up by: the create fails on its own, the rest go on.
        let unfindable = try WriteLoop.run([Self.write("a"), Self.write("b")], createsLookedUp: false) {
            (write) throws(ConnectorError) -> WriteOutcome.Result in
            if write.key == "a" { throw malformed }
            return .applied(id: "id-b", created: true)
        }
        #expect(unfindable[key: "a"]?.failure?.retryable == false && unfindable[key: "b"]?.appliedID == "id-b")
        // A create that may exist is never failed (and so never resent): after an applied
        // write it is OUTCOME_UNKNOWN, first in the batch the engine looks every write up.
        let after = try WriteLoop.run([Self.write("b"), Self.write("a"), Self.write("c")]) { (write) throws(ConnectorError) -> WriteOutcome.Result in
            if write.key == "a" { throw malformed }
            return .applied(id: "id-\(write.key)", created: true)
        }
        #expect(after[key: "a"]?.failure?.code == WriteLoop.outcomeUnknown && after[key: "c"]?.failure?.code == WriteLoop.notSent)
        #expect(throws: ConnectorError.self) {
            try WriteLoop.run([Self.write("a")]) { (_) throws(ConnectorError) -> WriteOutcome.Result in throw malformed }
        }

        let (batch, sent) = try Self.runFailingSecondCall(malformed)
        #expect(sent == 2)
        #expect(batch[key: "c"]?.failure?.code == WriteLoop.outcomeUnknown && batch[key: "e"]?.failure?.code == WriteLoop.notSent)
    }
}
