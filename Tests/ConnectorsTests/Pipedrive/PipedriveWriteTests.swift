import Foundation
import Testing
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

@Suite("Pipedrive writes")
struct PipedriveWriteTests {
    static func create(_ key: String, title: String?, prm: String) -> RecordWrite {
        var fields: [String: JSONValue] = ["value": .number(100), "status": .string("open")]
        if let title { fields["title"] = .string(title) }
        return RecordWrite(key: key, operation: .create, externalId: prm, fields: .object(fields))
    }

    @Test("creates, updates and deletes: one request each; a refused record fails alone with the API's words")
    func perRecord() throws {
        let fixture = try PipedriveFixture()
        let existing = try fixture.seedDeals(2)
        let batch = WriteBatch(object: "deals", externalIdField: "custom_fields.prm_id", writes: [
            Self.create("c1", title: "New deal", prm: "prm-new"),
            Self.create("c2", title: nil, prm: "prm-bad"),
            RecordWrite(key: "u1", operation: .update, id: existing[0].id,
                        fields: .object(["custom_fields": .object(["stage_note": .string("hot")])])),
            RecordWrite(key: "d1", operation: .delete, id: existing[1].id),
            RecordWrite(key: "d2", operation: .delete, id: "999999"),
        ])
        let outcomes = try fixture.connector.write(batch)
        #expect(outcomes.count == 5)
        let createdID = try #require(outcomes[key: "c1"]?.appliedID)
        #expect(fixture.store.record("deals", id: createdID)?.value(at: "custom_fields.prm_id") == .string("prm-new"))
        let failure = try #require(outcomes[key: "c2"]?.failure)
        #expect(failure.status == 400 && failure.message.contains("title") && !failure.retryable)
        #expect(fixture.store.record("deals", id: existing[0].id)?.value(at: "custom_fields") ==
                .object(["prm_id": .string("prm-0"), "stage_note": .string("hot")]), "custom fields merge key by key")
        #expect(fixture.store.record("deals", id: existing[1].id)?.isDeleted == true)
        #expect(outcomes[key: "d2"]?.appliedID == "999999", "404 on delete: already gone")
        #expect(fixture.count("pipedrive.create") == 2 && fixture.count("pipedrive.update") == 1
                && fixture.count("pipedrive.delete") == 2)
        #expect(fixture.store.totalRequests == 5, "one request per record, nothing else")
    }

    @Test("a batch is paced by the request budget: one request per record, the bucket's waits recorded")
    func withinBudget() throws {
        let fixture = try PipedriveFixture(rateLimit: RateLimit(requestsPerSecond: 4, burst: 2))
        let writes = (0..<10).map { Self.create("c\($0)", title: "Deal \($0)", prm: "prm-\($0)") }
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: "custom_fields.prm_id",
                                                              writes: writes))
        #expect(outcomes.allSatisfy { $0.appliedID != nil })
        #expect(fixture.count("pipedrive.create") == 10)
        let waited = fixture.sleeps.all.reduce(Duration.zero, +)
        // 10 requests at 4/s with 2 at once: the last 8 wait a quarter second each.
        #expect(waited >= .milliseconds(1900) && waited <= .milliseconds(2100), "\(waited)")
    }

    @Test("the remote stops answering part-way (burst 429s): outcomes so far are kept, the rest retry later")
    func stopPartWay() throws {
        let fixture = try PipedriveFixture()
        let writes = (0..<4).map { Self.create("c\($0)", title: "Deal \($0)", prm: "prm-\($0)") }
        fixture.loopback.beforeEachRequest { store in
            if store.count(route: "pipedrive.create") == 2 {
                store.inject(.status(429, retryAfter: "1"), route: "pipedrive.create", times: 10)
            }
        }
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: "custom_fields.prm_id",
                                                              writes: writes))
        fixture.loopback.beforeEachRequest(nil)
        #expect(outcomes.prefix(2).allSatisfy { $0.appliedID != nil })
        #expect(outcomes[key: "c2"]?.failure?.code == "RATE_LIMITED" && outcomes[key: "c2"]?.failure?.retryable == true)
        #expect(outcomes[key: "c3"]?.failure?.code == "NOT_SENT")
    }

    @Test("lookup finds recent creates by the custom field holding the PRM id, newest first")
    func lookup() throws {
        let fixture = try PipedriveFixture(options: ["pageSize": .number(50)])
        try fixture.seedDeals(120)
        fixture.store.resetCounters()
        let found = try fixture.connector.lookup(object: "deals", externalIdField: "custom_fields.prm_id",
                                                 values: ["prm-119", "prm-100", "prm-none"])
        #expect(Set(found.keys) == ["prm-119", "prm-100"])
        #expect(fixture.count("pipedrive.list") == 3, "a missing value reads the whole list")
        fixture.store.resetCounters()
        _ = try fixture.connector.lookup(object: "deals", externalIdField: "custom_fields.prm_id", values: ["prm-110"])
        #expect(fixture.count("pipedrive.list") == 1)
    }
}
