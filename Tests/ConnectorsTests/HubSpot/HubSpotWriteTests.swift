import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("HubSpot writes and lookups")
struct HubSpotWriteTests {
    static func upserts(_ range: Range<Int>) -> [RecordWrite] {
        range.map { index in
            RecordWrite(key: "intent-\(index)", operation: .create, externalId: "cs-\(index)", fields: .object([
                "dealname": .string("Deal \(index)"), "amount": .string("\(index).50"),
            ]))
        }
    }

    @Test("250 creates go out as three batch upserts of 100/100/50; repeating them updates")
    func upsertSplitAt100() throws {
        let fixture = try HubSpotFixture()
        let batch = WriteBatch(object: "deals", externalIdField: "channelsync_id", writes: Self.upserts(0..<250))
        let outcomes = try fixture.connector.write(batch)
        #expect(fixture.count("hubspot.batch.upsert") == 3)
        #expect(outcomes.count == 250)
        var ids: [String: String] = [:]
        for outcome in outcomes {
            guard case .applied(let id, let created) = outcome.result else {
                Issue.record("\(outcome.key): \(outcome.result)")
                continue
            }
            #expect(created)
            ids[outcome.key] = id
        }
        #expect(Set(ids.values).count == 250)
        #expect(fixture.store.record("deals", uniqueField: "channelsync_id", value: .string("cs-42"))?.id == ids["intent-42"])
        let again = try fixture.connector.write(batch)
        #expect(fixture.store.count("deals") == 250)
        for outcome in again {
            #expect(outcome.result == .applied(id: ids[outcome.key] ?? "?", created: false))
        }
        // Batch responses carry the daily limit headers.
        let usage = fixture.connector.usage()
        #expect(usage.quotaLimit == 500_000)
        #expect(usage.quotaUsed == 6)
        #expect(usage.requests == 6)
    }

    @Test("a 207 fails only the input it names, with HubSpot's error verbatim")
    func multiStatus() throws {
        let fixture = try HubSpotFixture()
        fixture.store.inject(.partialBatchFailure(.keys(["cs-3"])), route: "hubspot.batch.upsert")
        let outcomes = try fixture.connector.write(
            WriteBatch(object: "deals", externalIdField: "channelsync_id", writes: Self.upserts(0..<6)))
        let failed = outcomes.filter { if case .failed = $0.result { true } else { false } }
        #expect(failed.map(\.key) == ["intent-3"])
        guard case .failed(let failure)? = failed.first?.result else { return }
        #expect(failure.status == 207)
        #expect(failure.code == "VALIDATION_ERROR")
        #expect(failure.message == "Injected failure for input 4")
        #expect(failure.raw?.contains("\"cs-3\"") == true)
        #expect(outcomes.count == 6)
        #expect(fixture.store.count("deals") == 5)
    }

    @Test("plain creates, updates by id and archives use their batch endpoints; failures match by trace id")
    func createUpdateArchive() throws {
        let fixture = try HubSpotFixture()
        let seeded = try fixture.seedDeals(3)
        fixture.store.inject(.partialBatchFailure(.everyKth(2)), route: "hubspot.batch.create")
        let writes = [
            RecordWrite(key: "c0", operation: .create, fields: .object(["dealname": .string("New 0")])),
            RecordWrite(key: "c1", operation: .create, fields: .object(["dealname": .string("New 1")])),
            RecordWrite(key: "c2", operation: .create, fields: .object(["dealname": .string("New 2")])),
            RecordWrite(key: "u0", operation: .update, id: seeded[0].id, fields: .object(["amount": .string("99")])),
            RecordWrite(key: "u-missing", operation: .update, id: "99999999999", fields: .object(["amount": .string("1")])),
            RecordWrite(key: "a2", operation: .delete, id: seeded[2].id),
        ]
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: writes))
        let byKey = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.key, $0.result) })
        guard case .applied(let id0, true)? = byKey["c0"], case .applied(let id2, true)? = byKey["c2"] else {
            Issue.record("creates c0 and c2 should apply: \(outcomes)")
            return
        }
        #expect(fixture.store.record("deals", id: id0)?.fields["dealname"] == .string("New 0"))
        #expect(fixture.store.record("deals", id: id2)?.fields["dealname"] == .string("New 2"))
        guard case .failed(let injected)? = byKey["c1"] else {
            Issue.record("c1 should fail")
            return
        }
        #expect(injected.message == "Injected failure for input 2")
        #expect(byKey["u0"] == .applied(id: seeded[0].id, created: false))
        guard case .failed(let missing)? = byKey["u-missing"] else {
            Issue.record("an update of an unknown id should fail")
            return
        }
        #expect(missing.code == "OBJECT_NOT_FOUND")
        #expect(byKey["a2"] == .applied(id: seeded[2].id, created: false))
        #expect(fixture.store.record("deals", id: seeded[2].id)?.isDeleted == true)
        #expect(fixture.count("hubspot.batch.create") == 1)
        #expect(fixture.count("hubspot.batch.update") == 1)
        #expect(fixture.count("hubspot.batch.archive") == 1)
    }

    @Test("a record written twice in one batch goes out in two calls, in order: HubSpot refuses an id named twice in a call")
    func sameRecordTwice() throws {
        let fixture = try HubSpotFixture()
        let seeded = try fixture.seedDeals(2)
        let writes = [
            RecordWrite(key: "u0", operation: .update, id: seeded[0].id, fields: .object(["amount": .string("10")])),
            RecordWrite(key: "u1", operation: .update, id: seeded[1].id, fields: .object(["amount": .string("20")])),
            RecordWrite(key: "u0-again", operation: .update, id: seeded[0].id, fields: .object(["amount": .string("30")])),
        ]
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: writes))
        for outcome in outcomes {
            #expect(outcome.result == .applied(id: outcome.key == "u1" ? seeded[1].id : seeded[0].id, created: false),
                    "\(outcome.key): \(outcome.result)")
        }
        #expect(fixture.count("hubspot.batch.update") == 2)
        #expect(fixture.store.record("deals", id: seeded[0].id)?.fields["amount"] == .string("30"), "the later write lands last")
        #expect(fixture.store.record("deals", id: seeded[1].id)?.fields["amount"] == .string("20"))
        let upserts = Self.upserts(0..<2) + Self.upserts(0..<1).map { write in
            var again = write
            again.key = "intent-0-again"
            again.fields = .object(["dealname": .string("Deal 0, renamed")])
            return again
        }
        _ = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: "channelsync_id", writes: upserts))
        #expect(fixture.count("hubspot.batch.upsert") == 2)
        #expect(fixture.store.record("deals", uniqueField: "channelsync_id", value: .string("cs-0"))?.fields["dealname"]
            == .string("Deal 0, renamed"))
    }

    @Test("a batch refused as a whole (unknown property) fails every input with the reason")
    func wholeBatchRefused() throws {
        let fixture = try HubSpotFixture()
        let writes = [RecordWrite(key: "x", operation: .create, externalId: "cs-x", fields: .object(["no_such_property": .string("1")]))]
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: "channelsync_id", writes: writes))
        guard case .failed(let failure)? = outcomes.first?.result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.status == 400)
        #expect(failure.message.contains("Property \\\"no_such_property\\\" does not exist"))
    }

    @Test("lookups by a unique property read 100 values a call and key results by the value asked")
    func lookup() throws {
        let fixture = try HubSpotFixture()
        _ = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: "channelsync_id", writes: Self.upserts(0..<150)))
        fixture.store.resetCounters()
        let found = try fixture.connector.lookup(object: "deals", externalIdField: "channelsync_id",
                                                 values: (0..<150).map { "cs-\($0)" } + ["cs-missing"])
        #expect(found.count == 150)
        #expect(found["cs-77"]?.fields[key: "channelsync_id"] == .string("cs-77"))
        #expect(found["cs-missing"] == nil)
        #expect(fixture.count("hubspot.batch.read") == 2)
        #expect(fixture.store.totalRequests == 2)
    }

    @Test("an unreadable answer to a batch upsert leaves its creates unknown (looked up, never resent blind)")
    func wrongShapeAnswers() throws {
        let fixture = try HubSpotFixture()
        // The first batch lands but its answer is valid JSON of the wrong shape: nothing is
        // known applied, so the batch error is thrown and the engine looks every write up.
        fixture.store.inject(.wrongShape, route: "hubspot.batch.upsert", times: 1)
        let batch = WriteBatch(object: "deals", externalIdField: "channelsync_id", writes: Self.upserts(0..<120))
        #expect(throws: ConnectorError.self) { try fixture.connector.write(batch) }
        // A lookup answered with the wrong shape is an error, not "not found".
        fixture.store.inject(.wrongShape, route: "hubspot.batch.read", times: 1)
        #expect(throws: ConnectorError.self) {
            try fixture.connector.lookup(object: "deals", externalIdField: "channelsync_id", values: ["cs-0"])
        }
        #expect(try fixture.connector.lookup(object: "deals", externalIdField: "channelsync_id", values: ["cs-0"]).count == 1,
                "the first batch did land")
    }
}

@Suite("HubSpot batch result matching")
struct HubSpotBatchResultTests {
    @Test("results are matched by trace id, idProperty value or position, errors by their context")
    func matching() throws {
        let writes = (0..<3).map { RecordWrite(key: "k\($0)", operation: .create, externalId: "E-\($0)") }
        let upsert = HubSpotBatchResult(writes: writes, operation: .upsert(idProperty: "ext"), status: 207)
        let results = try JSONParser().parse(#"""
        [{"id":"2","properties":{"ext":"e-2"},"new":false},{"id":"1","objectWriteTraceId":"k1","new":true}]
        """#).arrayValue ?? []
        let errors = try JSONParser().parse(#"[{"status":"error","category":"CONFLICT","message":"taken","context":{"ids":["E-0"]}}]"#).arrayValue ?? []
        let outcomes = Dictionary(uniqueKeysWithValues: upsert.outcomes(results: results, errors: errors).map { ($0.key, $0.result) })
        #expect(outcomes["k1"] == .applied(id: "1", created: true))
        #expect(outcomes["k2"] == .applied(id: "2", created: false))
        guard case .failed(let failure)? = outcomes["k0"] else {
            Issue.record("k0 should fail")
            return
        }
        #expect(failure.code == "CONFLICT")
        #expect(failure.message == "taken")

        let creates = HubSpotBatchResult(writes: writes, operation: .create, status: 201)
        let createResults = try JSONParser().parse(#"[{"id":"7"},{"id":"8"},{"id":"9"}]"#).arrayValue ?? []
        #expect(creates.outcomes(results: createResults, errors: []).map(\.result)
            == [.applied(id: "7", created: true), .applied(id: "8", created: true), .applied(id: "9", created: true)])

        let silent = HubSpotBatchResult(writes: writes, operation: .update, status: 200)
        let unanswered = silent.outcomes(results: [], errors: [])
        #expect(unanswered.allSatisfy { if case .failed(let failure) = $0.result { failure.retryable } else { false } })
        // An upsert the answer does not mention may have created its record: looked up, not resent.
        let unmentioned = upsert.outcomes(results: [], errors: [])
        #expect(unmentioned.allSatisfy {
            if case .failed(let failure) = $0.result { failure.code == WriteLoop.outcomeUnknown } else { false }
        })
    }
}
