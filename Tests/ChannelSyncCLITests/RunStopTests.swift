import Foundation
import Sandbox
import SyncCore
import SyncStore
import Testing

/// `systemctl stop` in the middle of a large batch, against the real binary and the sandbox.
@Suite("channelsync run: stop during a large batch")
struct RunStopTests {
    static let opportunities = 1_500

    /// Impartner takes one request per record; 1,500 creates with a 5 ms delay each take
    /// several seconds. SIGTERM after the first hundred: the daemon commits the records
    /// sent so far, journals the rest of the plan chunks it recorded as not sent, says
    /// STOPPING=1 and exits 0 — and the journal matches what the portal received, record
    /// for record. The next `once` sends the rest without creating anything twice.
    @Test func sigtermMidBatchJournalsEverySentWriteAndTheNextRunMakesNoDuplicate() throws {
        let setup = try OnceCommandTests.Setup()
        try Self.configure(setup)
        var records: [[String: JSONValue]] = []
        for number in 1...Self.opportunities {
            records.append([
                "Name": .string("Deal \(number)"), "StageName": .string("Qualification"),
                "CloseDate": .string("2024-06-30"), "Amount": .number(Decimal(1000 + number)),
                "Partner_Account__c": .string("001000000000001AAA"),
            ])
        }
        _ = try setup.sandbox.salesforce.store.seed("Opportunity", records: records)
        setup.clock.advance(by: 300_000)
        setup.sandbox.impartner.store.inject(.delay(milliseconds: 5), route: "impartner.create", times: 1_000_000)

        let daemon = try DaemonProcess(config: setup.config)
        #expect(daemon.waitForMessage { $0.hasPrefix("READY=1") }, "stderr: \(daemon.stderr)")
        let started = daemon.waitUntil(timeout: 120) { setup.sandbox.impartner.store.count("Deal") >= 100 }
        #expect(started, "the daemon did not start creating deals; stderr: \(daemon.stderr)")
        kill(daemon.pid, SIGTERM)
        let status = daemon.exitStatus(timeout: 60)
        #expect(status == 0, "stderr: \(daemon.stderr)")
        #expect(daemon.messages.contains { $0.hasPrefix("STOPPING=1") }, "\(daemon.messages)")
        let received = setup.sandbox.impartner.store.records("Deal")
        #expect(received.count < Self.opportunities, "the stop waited for the whole batch (\(received.count) created)")

        // Every deal the portal received is journaled as an applied create with its link;
        // nothing else is journaled as applied; the rest failed as "not sent", none pending.
        let state = try SyncState.openReadOnly(path: setup.database)
        let rows = try state.journal(JournalQuery(mapping: "deals", limit: 100_000))
        try state.close()
        let outcomes = rows.filter { $0.intentSeq != nil && $0.direction == .toPRM && $0.operation == "create" }
        let applied = outcomes.filter { $0.status == .applied }
        #expect(Set(applied.compactMap(\.prmID)) == Set(received.map(\.id)),
                "journaled \(applied.count) applied creates, the portal has \(received.count) deals")
        #expect(applied.count == received.count)
        #expect(applied.allSatisfy { $0.linkID?.isEmpty == false && $0.crmID?.isEmpty == false })
        let failed = outcomes.filter { $0.status != .applied }
        #expect(failed.allSatisfy { $0.status == .failed && ($0.error ?? "").contains("NOT_SENT") },
                "\(Set(failed.map { "\($0.status) \($0.error ?? "")" }).prefix(3))")
        // Every intent has its outcome; plan chunks after the stop were never recorded (no
        // intents: the next run reconciles those records anew).
        let intents = rows.filter { $0.status == .pending && $0.direction == .toPRM && $0.operation == "create" }
        #expect(intents.allSatisfy { $0.outcomeSeq != nil }, "writes left without an outcome")
        #expect(applied.count + failed.count == intents.count && intents.count <= Self.opportunities,
                "\(applied.count) applied + \(failed.count) failed outcomes for \(intents.count) intents")

        // The next runs send the rest (a cycle resends at most 1,000 failed writes): every
        // opportunity ends with exactly one deal.
        for _ in 1...3 where setup.sandbox.impartner.store.count("Deal") < Self.opportunities {
            let once = try setup.once("--mapping", "deals")
            #expect(once.status == 0, "stdout: \(once.stdout) stderr: \(once.stderr)")
        }
        let deals = setup.sandbox.impartner.store.records("Deal")
        let crmIDs = deals.compactMap { record -> String? in
            if case let .string(id)? = record.fields["crmId"] { id } else { nil }
        }
        #expect(deals.count == Self.opportunities, "\(deals.count) deals for \(Self.opportunities) opportunities")
        #expect(Set(crmIDs).count == crmIDs.count, "a deal was created twice")
    }

    /// A fast first cycle, a request budget that lets the portal be the slow part, and
    /// no cycle after the first one during the test.
    static func configure(_ setup: OnceCommandTests.Setup) throws {
        var text = try String(contentsOfFile: setup.config, encoding: .utf8)
        for (old, new) in [
            (#"schedule: { interval: "5m", jitter: "30s" }"#, #"schedule: { interval: "1h", jitter: "10ms" }"#),
            ("requestBudget: { perSecond: 5, burst: 10 },", "requestBudget: { perSecond: 5000, burst: 500 },"),
        ] {
            guard text.contains(old) else { throw CocoaError(.fileReadCorruptFile) }
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(toFile: setup.config, atomically: true, encoding: .utf8)
    }
}
