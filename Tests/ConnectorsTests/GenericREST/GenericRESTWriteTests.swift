import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("Generic REST writes and lookups")
struct GenericRESTWriteTests {
    @Test("a create answered with only the new id in the body, at create.idPath")
    func createIDInBody() throws {
        let fixture = try GenericRESTFixture()
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: [
            RecordWrite(key: "k", operation: .create, fields: .object(["title": .string("Fresh"), "reference": .string("R-1")])),
        ]))
        let id = try #require(outcomes.first?.appliedID)
        #expect(outcomes.first?.result == .applied(id: id, created: true))
        #expect(fixture.store.record("deals", id: id)?.fields["title"] == .string("Fresh"))
        #expect(fixture.count("generic.create") == 1)
    }

    @Test("without create.idPath the id is looked for in the usual places; missing, the record fails with a fix")
    func createIDNotFound() throws {
        var settings = try options(sandboxOptions)
        settings["create"] = nil
        let fixture = try GenericRESTFixture(options: settings)
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: [
            RecordWrite(key: "k", operation: .create, fields: .object(["title": .string("Fresh")])),
        ]))
        let failure = try #require(outcomes.first?.failure)
        #expect(!failure.retryable)
        #expect(failure.message.contains("the record was created (HTTP 201) but the answer has no id at 'id'"))
        #expect(failure.message.contains("set create.idPath"))
        #expect(fixture.store.count("deals") == 1, "it was created: an operator must link it, not resend it")
    }

    @Test("a validation error (422) and a duplicate (409) fail only their records, the body verbatim")
    func perRecordFailures() throws {
        let fixture = try GenericRESTFixture()
        try fixture.seedDeals(1)
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: [
            RecordWrite(key: "untitled", operation: .create, fields: .object(["amount": .number(3)])),
            RecordWrite(key: "dup", operation: .create, fields: .object(["title": .string("Twin"), "reference": .string("REF-0")])),
            RecordWrite(key: "ok", operation: .create, fields: .object(["title": .string("Fine"), "reference": .string("REF-9")])),
        ]))
        let untitled = try #require(outcomes[key: "untitled"]?.failure)
        #expect(untitled.status == 422)
        #expect(untitled.code == "validation_failed")
        #expect(untitled.message == #"{"error":{"code":"validation_failed","detail":"Invalid input.","fields":{"title":["This field is required."]}}}"#)
        #expect(!untitled.retryable)
        let duplicate = try #require(outcomes[key: "dup"]?.failure)
        #expect(duplicate.status == 409)
        #expect(duplicate.code == "conflict")
        #expect(duplicate.message.contains("A record with this reference already exists."))
        #expect(!duplicate.retryable, "a unique constraint will refuse it again")
        #expect(outcomes[key: "ok"]?.appliedID != nil)
        #expect(fixture.count("generic.create") == 3)
    }

    @Test("a PUT-only API: the record is read (wrapped detail) and sent whole with the change, 2 requests")
    func mergedPut() throws {
        let fixture = try GenericRESTFixture()
        let seeded = try fixture.seedDeals(2)
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: [
            RecordWrite(key: "a", operation: .update, id: seeded[0].id, fields: .object(["amount": .number(500)])),
            RecordWrite(key: "b", operation: .update, id: seeded[1].id, fields: .object(["status": .string("lost")])),
        ]))
        #expect(outcomes.map(\.result) == [.applied(id: seeded[0].id, created: false), .applied(id: seeded[1].id, created: false)])
        let record = try #require(fixture.store.record("deals", id: seeded[0].id))
        #expect(record.fields["amount"] == .number(500))
        #expect(record.fields["title"] == .string("Deal 0"), "kept: the PUT carried the whole record")
        #expect(record.fields["reference"] == .string("REF-0"))
        #expect(fixture.count("generic.read") == 2)
        #expect(fixture.count("generic.replace") == 2)
        #expect(fixture.connector.usage().requests == 4)
    }

    @Test("a PUT without merge replaces the record: the API refuses the partial one, verbatim")
    func unmergedPut() throws {
        let fixture = try GenericRESTFixture(options: try options(sandboxOptions, changing: #"{"update": {"merge": false}}"#))
        let seeded = try fixture.seedDeals(1)
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: [
            RecordWrite(key: "a", operation: .update, id: seeded[0].id, fields: .object(["amount": .number(500)])),
        ]))
        #expect(outcomes.first?.failure?.status == 422)
        #expect(outcomes.first?.failure?.message.contains("This field is required.") == true)
        #expect(fixture.count("generic.read") == 0)
    }

    @Test("an update of a record that is gone fails that record, not retryable")
    func updateMissing() throws {
        let fixture = try GenericRESTFixture()
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: [
            RecordWrite(key: "a", operation: .update, id: "9999", fields: .object(["amount": .number(1)])),
        ]))
        #expect(outcomes.first?.failure?.status == 404)
        #expect(outcomes.first?.failure?.retryable == false)
    }

    @Test("deletes: 204 is done, 404 is already done, a disabled delete fails without a request")
    func deletes() throws {
        let fixture = try GenericRESTFixture()
        let seeded = try fixture.seedDeals(1)
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: [
            RecordWrite(key: "a", operation: .delete, id: seeded[0].id),
            RecordWrite(key: "b", operation: .delete, id: "424242"),
        ]))
        #expect(outcomes.map(\.result) == [.applied(id: seeded[0].id, created: false), .applied(id: "424242", created: false)])
        #expect(fixture.store.count("deals") == 0)

        let readOnly = try GenericRESTFixture(options: try options(sandboxOptions, changing: #"{"delete": {"enabled": false}}"#))
        let refused = try readOnly.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: [
            RecordWrite(key: "a", operation: .delete, id: "1"),
        ]))
        #expect(refused.first?.failure?.code == "DELETE_NOT_SUPPORTED")
        #expect(readOnly.store.totalRequests == 0)
    }

    @Test("a 403 on the first write throws: nothing was applied")
    func forbiddenWrite() throws {
        let fixture = try GenericRESTFixture(key: "wrong")
        let error = expectConnectorError {
            _ = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: nil, writes: [
                RecordWrite(key: "a", operation: .create, fields: .object(["title": .string("A")])),
            ]))
        }
        #expect(error?.kind == .authenticationFailed)
    }

    @Test("no field can hold a foreign id: lookups find nothing and cost nothing")
    func lookupWithoutFilter() throws {
        let fixture = try GenericRESTFixture()
        try fixture.seedDeals(5)
        let found = try fixture.connector.lookup(object: "deals", externalIdField: "reference", values: ["REF-1"])
        #expect(found.isEmpty)
        #expect(fixture.store.totalRequests == 0)
    }

    @Test("with lookup.param, only records that really hold the value count (this API ignores the filter)")
    func lookupWithFilter() throws {
        let fixture = try GenericRESTFixture(options: try options(sandboxOptions, changing: #"{"lookup": {"param": "reference"}}"#))
        let seeded = try fixture.seedDeals(5)
        let found = try fixture.connector.lookup(object: "deals", externalIdField: "reference", values: ["REF-3", "REF-77"])
        #expect(found.mapValues(\.id) == ["REF-3": seeded[3].id], "REF-77 is not mistaken for the first record listed")
        #expect(fixture.count("generic.list") == 2)
    }
}
