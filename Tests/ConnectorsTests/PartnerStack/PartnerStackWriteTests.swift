import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("PartnerStack writes and lookups")
struct PartnerStackWriteTests {
    @Test("one request per write; a duplicate and a missing field fail only their records, verbatim")
    func perRecordOutcomes() throws {
        let fixture = try PartnerStackFixture()
        let existing = try fixture.seedDeals(2)
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: "external_key", writes: [
            RecordWrite(key: "new", operation: .create, externalId: "crm-new", fields: .object(["name": .string("Fresh")])),
            RecordWrite(key: "dup", operation: .create, externalId: "crm-0", fields: .object(["name": .string("Twin")])),
            RecordWrite(key: "nameless", operation: .create, externalId: "crm-x", fields: .object(["amount": .number(1)])),
            RecordWrite(key: "edit", operation: .update, id: existing[1].id, fields: .object(["amount": .number(77)])),
            RecordWrite(key: "gone", operation: .delete, id: existing[0].id),
        ]))
        let key = try #require(outcomes[key: "new"]?.appliedID)
        #expect(key.hasPrefix("deal_"))
        #expect(fixture.store.record("deals", id: key)?.fields["external_key"] == .string("crm-new"))
        let duplicate = try #require(outcomes[key: "dup"]?.failure)
        #expect(duplicate.status == 409)
        #expect(!duplicate.retryable)
        #expect(duplicate.message == #"{"message":"A deal with this external_key already exists","status":409}"#)
        let nameless = try #require(outcomes[key: "nameless"]?.failure)
        #expect(nameless.status == 400)
        #expect(nameless.message.contains("Missing required fields: name"))
        #expect(outcomes[key: "edit"]?.result == .applied(id: existing[1].id, created: false))
        #expect(fixture.store.record("deals", id: existing[1].id)?.fields["amount"] == .number(77))
        #expect(outcomes[key: "gone"]?.result == .applied(id: existing[0].id, created: false))
        #expect(fixture.connector.usage().requests == 5, "requests = writes")
    }

    @Test("a create whose answer never arrives is reported as of unknown outcome, later writes as not sent")
    func unansweredCreate() throws {
        // The second create commits, then its answer is late past the client's timeout.
        // (Real time: the loopback server really waits.)
        let fixture = try PartnerStackFixture(totalTimeout: .seconds(1))
        fixture.loopback.beforeEachRequest { store in
            if store.count(route: "partnerstack.create") == 1 {
                store.inject(.delay(milliseconds: 2500), route: "partnerstack.create")
            }
        }
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: "external_key", writes: [
            RecordWrite(key: "a", operation: .create, externalId: "crm-a", fields: .object(["name": .string("A")])),
            RecordWrite(key: "b", operation: .create, externalId: "crm-b", fields: .object(["name": .string("B")])),
            RecordWrite(key: "c", operation: .create, externalId: "crm-c", fields: .object(["name": .string("C")])),
        ]))
        #expect(outcomes[key: "a"]?.appliedID != nil)
        #expect(outcomes[key: "b"]?.failure?.code == WriteLoop.outcomeUnknown)
        #expect(outcomes[key: "c"]?.failure?.code == WriteLoop.notSent)
        #expect(fixture.count("partnerstack.create") == 2, "a create that may have arrived is not resent")
        // It did arrive: a lookup by external id finds it, so the engine links instead of creating twice.
        let found = try fixture.connector.lookup(object: "deals", externalIdField: "external_key", values: ["crm-b"])
        #expect(found["crm-b"]?.fields[key: "name"] == .string("B"))
    }

    @Test("lookups read newest first and stop once every value is found")
    func lookup() throws {
        let fixture = try PartnerStackFixture(options: ["pageSize": .number(100)])
        let seeded = try fixture.seedDeals(450)
        fixture.store.resetCounters()
        let recent = try fixture.connector.lookup(object: "deals", externalIdField: "external_key", values: ["crm-449", "crm-400"])
        #expect(recent.mapValues(\.id) == ["crm-449": seeded[449].id, "crm-400": seeded[400].id])
        #expect(fixture.count("partnerstack.list") == 1)
        fixture.store.resetCounters()
        let old = try fixture.connector.lookup(object: "deals", externalIdField: "external_key", values: ["crm-3", "nope"])
        #expect(old.mapValues(\.id) == ["crm-3": seeded[3].id])
        #expect(fixture.count("partnerstack.list") == 5, "a value not there reads the whole list")
    }
}
