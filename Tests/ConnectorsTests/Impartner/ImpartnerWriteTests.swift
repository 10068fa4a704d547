import Foundation
import Testing
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

@Suite("Impartner writes and lookups")
struct ImpartnerWriteTests {
    @Test("one request per write; a validation error and a duplicate fail only their records, verbatim")
    func perRecordOutcomes() throws {
        let fixture = try ImpartnerFixture()
        let existing = try fixture.seedDeals(2)
        let batch = WriteBatch(object: "Deal", externalIdField: "externalId", writes: [
            RecordWrite(key: "new", operation: .create, externalId: "006-new",
                        fields: .object(["name": .string("Fresh"), "amount": .number(10)])),
            RecordWrite(key: "nameless", operation: .create, externalId: "006-nameless",
                        fields: .object(["amount": .number(5)])),
            RecordWrite(key: "dup", operation: .create, externalId: "ext-1", fields: .object(["name": .string("Twin")])),
            RecordWrite(key: "edit", operation: .update, id: existing[0].id,
                        fields: .object(["stage": .object(["name": .string("Won")])])),
            RecordWrite(key: "gone", operation: .delete, id: existing[1].id),
        ])
        let outcomes = try fixture.connector.write(batch)
        #expect(outcomes.count == 5)
        let created = try #require(outcomes[key: "new"]?.appliedID)
        #expect(fixture.store.record("Deal", id: created)?.fields["externalId"] == .string("006-new"))
        #expect(outcomes[key: "new"]?.result == .applied(id: created, created: true))

        let nameless = try #require(outcomes[key: "nameless"]?.failure)
        #expect(nameless.status == 400)
        #expect(!nameless.retryable)
        #expect(nameless.message.contains("The field 'name' is required."), "the portal's body, verbatim")
        #expect(try JSONParser().parse(nameless.message)[key: "errors"]?.arrayValue?.count == 1)

        let duplicate = try #require(outcomes[key: "dup"]?.failure)
        #expect(duplicate.status == 409)
        #expect(!duplicate.retryable)
        #expect(duplicate.message.contains("already has this externalId"))

        #expect(outcomes[key: "edit"]?.result == .applied(id: existing[0].id, created: false))
        #expect(fixture.store.record("Deal", id: existing[0].id)?.fields["stage"] == .object(["name": .string("Won")]))
        #expect(fixture.store.record("Deal", id: existing[0].id)?.fields["name"] == .string("Deal 0"), "PATCH keeps the rest")
        #expect(outcomes[key: "gone"]?.result == .applied(id: existing[1].id, created: false))
        #expect(fixture.store.record("Deal", id: existing[1].id) == nil)

        #expect(fixture.count("impartner.create") == 3)
        #expect(fixture.count("impartner.update") == 1)
        #expect(fixture.count("impartner.delete") == 1)
        #expect(fixture.connector.usage().requests == 5, "requests = writes")
    }

    /// A 2xx answer is a success unless its JSON says `"success": false`; the quick scan
    /// that skips parsing must agree with parsing on every body.
    @Test("a 2xx answer fails only when it says success false", arguments: [
        (#"{"success":true,"data":{"id":7,"open":false}}"#, true),
        (#"{"success":false,"message":"locked"}"#, false),
        ("{ \"success\" :\n\tfalse , \"data\": null}", false),
        (#"{"data":{"success":false},"success":true}"#, true),
        (#"{"succ\u0065ss":false}"#, false),
        (#"{"note":"\"success\": false"}"#, true),
        (#"{"success":false"#, true),  // not JSON: the status decides
        (#"{"success":"false"}"#, true),
        ("", true),
        (#"{"id":"a1","name":"Deal 1","amount":1200.5}"#, true),
    ])
    func successFalseIsAFailure(body: String, succeeded: Bool) {
        let response = HTTPResponse(status: 200, headers: [:], body: Data(body.utf8))
        #expect(ImpartnerConnector.succeeded(response) == succeeded)
        let parsed = try? JSONParser().parse(Data(body.utf8))
        #expect(ImpartnerConnector.mayRefuse(Data(body.utf8)) || parsed?[key: "success"]?.boolValue != false,
                "the scan may only skip bodies that cannot refuse")
        #expect(!ImpartnerConnector.succeeded(HTTPResponse(status: 500, headers: [:], body: Data(body.utf8))))
    }

    @Test("deleting a record that is already gone counts as done")
    func deleteMissing() throws {
        let fixture = try ImpartnerFixture()
        let outcomes = try fixture.connector.write(WriteBatch(object: "Deal", externalIdField: nil, writes: [
            RecordWrite(key: "k", operation: .delete, id: "424242"),
        ]))
        #expect(outcomes.first?.result == .applied(id: "424242", created: false))
    }

    @Test("a wrong key on the first write throws; nothing was applied")
    func authFailureOnWrite() throws {
        let fixture = try ImpartnerFixture(key: "revoked")
        let error = expectConnectorError {
            _ = try fixture.connector.write(WriteBatch(object: "Deal", externalIdField: nil, writes: [
                RecordWrite(key: "a", operation: .create, fields: .object(["name": .string("A")])),
                RecordWrite(key: "b", operation: .create, fields: .object(["name": .string("B")])),
            ]))
        }
        #expect(error?.kind == .authenticationFailed)
        #expect(fixture.count("impartner.create") == 1, "stops at the first refusal")
    }

    @Test("credentials revoked mid-batch: applied writes are kept, the rest fail retryably as not sent")
    func authFailureMidBatch() throws {
        let fixture = try ImpartnerFixture()
        fixture.loopback.beforeEachRequest { store in
            if store.count(route: "impartner.create") == 1 { store.inject(.expireTokens, route: "impartner.create") }
        }
        let outcomes = try fixture.connector.write(WriteBatch(object: "Deal", externalIdField: nil, writes: [
            RecordWrite(key: "a", operation: .create, fields: .object(["name": .string("A")])),
            RecordWrite(key: "b", operation: .create, fields: .object(["name": .string("B")])),
            RecordWrite(key: "c", operation: .create, fields: .object(["name": .string("C")])),
        ]))
        #expect(outcomes[key: "a"]?.appliedID != nil)
        #expect(outcomes[key: "b"]?.failure?.code == "AUTHENTICATION_FAILED")
        #expect(outcomes[key: "b"]?.failure?.retryable == true)
        #expect(outcomes[key: "c"]?.failure?.code == WriteLoop.notSent)
        #expect(fixture.count("impartner.create") == 2)
    }

    @Test("lookups filter on the external-id field, one request per value")
    func lookup() throws {
        let fixture = try ImpartnerFixture()
        let a = try fixture.store.seed("Deal", fields: ["name": .string("A"), "crmId": .string("006A")])
        let b = try fixture.store.seed("Deal", fields: ["name": .string("B"), "crmId": .string("O'Brien")])
        try fixture.seedDeals(5)
        let found = try fixture.connector.lookup(object: "Deal", externalIdField: "crmId",
                                                 values: ["006A", "O'Brien", "006-missing", "006A"])
        #expect(found.mapValues(\.id) == ["006A": a.id, "O'Brien": b.id])
        #expect(fixture.count("impartner.list") == 3)
    }
}
