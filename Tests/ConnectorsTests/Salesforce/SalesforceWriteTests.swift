import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

@Suite("Salesforce writes and lookups")
struct SalesforceWriteTests {
    static func upserts(_ range: Range<Int>, stage: String = "Prospecting") -> [RecordWrite] {
        range.map { index in
            RecordWrite(key: "intent-\(index)", operation: .create, externalId: "cs-\(index)", fields: .object([
                "Name": .string("Deal \(index)"), "StageName": .string(stage), "CloseDate": .string("2024-06-30"),
            ]))
        }
    }

    @Test("450 creates go out as three upserts of 200/200/50; repeating them updates, never duplicates")
    func upsertSplitAt200() throws {
        let fixture = try SalesforceFixture()
        let batch = WriteBatch(object: "Opportunity", externalIdField: "ChannelSync_Id__c", writes: Self.upserts(0..<450))
        let outcomes = try fixture.connector.write(batch)
        #expect(fixture.count("salesforce.composite.upsert") == 3)
        #expect(outcomes.count == 450)
        var ids: [String: String] = [:]
        for outcome in outcomes {
            guard case .applied(let id, let created) = outcome.result else {
                Issue.record("\(outcome.key) failed: \(outcome.result)")
                continue
            }
            #expect(created)
            ids[outcome.key] = id
        }
        #expect(fixture.store.count("Opportunity") == 450)
        #expect(fixture.store.record("Opportunity", uniqueField: "ChannelSync_Id__c", value: .string("cs-7"))?.id == ids["intent-7"])

        // A crash after the write: the engine sends the same batch again.
        let again = try fixture.connector.write(batch)
        #expect(fixture.store.count("Opportunity") == 450)
        for outcome in again {
            guard case .applied(let id, let created) = outcome.result else {
                Issue.record("\(outcome.key) failed on repeat")
                continue
            }
            #expect(!created)
            #expect(id == ids[outcome.key])
        }
    }

    @Test("one locked record in a batch fails alone, with Salesforce's error verbatim")
    func perRecordFailure() throws {
        let fixture = try SalesforceFixture()
        fixture.store.inject(.partialBatchFailure(.keys(["cs-3"])), route: "salesforce.composite.upsert")
        let outcomes = try fixture.connector.write(
            WriteBatch(object: "Opportunity", externalIdField: "ChannelSync_Id__c", writes: Self.upserts(0..<6)))
        #expect(outcomes.count == 6)
        let failed = outcomes.filter { if case .failed = $0.result { true } else { false } }
        #expect(failed.map(\.key) == ["intent-3"])
        guard case .failed(let failure)? = failed.first?.result else { return }
        #expect(failure.code == "UNABLE_TO_LOCK_ROW")
        #expect(failure.message == "unable to obtain exclusive access to this record or 1 records: cs-3")
        #expect(failure.retryable)
        #expect(failure.raw?.contains("\"statusCode\":\"UNABLE_TO_LOCK_ROW\"") == true)
        #expect(fixture.store.count("Opportunity") == 5)
    }

    @Test("a validation error is kept verbatim and not retryable")
    func validationFailure() throws {
        let fixture = try SalesforceFixture()
        let writes = [
            RecordWrite(key: "ok", operation: .create, externalId: "cs-ok", fields: .object([
                "Name": .string("Fine"), "StageName": .string("Prospecting"), "CloseDate": .string("2024-06-30"),
            ])),
            RecordWrite(key: "bad", operation: .create, externalId: "cs-bad", fields: .object(["Name": .string("No stage")])),
        ]
        let outcomes = try fixture.connector.write(WriteBatch(object: "Opportunity", externalIdField: "ChannelSync_Id__c", writes: writes))
        let byKey = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.key, $0.result) })
        guard case .applied = byKey["ok"], case .failed(let failure)? = byKey["bad"] else {
            Issue.record("unexpected outcomes \(outcomes)")
            return
        }
        #expect(failure.code == "REQUIRED_FIELD_MISSING")
        #expect(failure.message == "Required fields are missing: [StageName, CloseDate]")
        #expect(!failure.retryable)
    }

    @Test("updates by id and deletes by id each take one collections call")
    func updateAndDelete() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(3)
        let writes = [
            RecordWrite(key: "u0", operation: .update, id: seeded[0].id, fields: .object(["Amount": .number(42)])),
            RecordWrite(key: "u1", operation: .update, id: seeded[1].id, fields: .object(["Amount": .number(43), "Id": .string("ignored")])),
            RecordWrite(key: "d2", operation: .delete, id: seeded[2].id),
            RecordWrite(key: "nothing", operation: .delete),
        ]
        let outcomes = try fixture.connector.write(WriteBatch(object: "Opportunity", externalIdField: nil, writes: writes))
        let byKey = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.key, $0.result) })
        #expect(byKey["u0"] == .applied(id: seeded[0].id, created: false))
        #expect(byKey["u1"] == .applied(id: seeded[1].id, created: false))
        #expect(byKey["d2"] == .applied(id: seeded[2].id, created: false))
        guard case .failed(let failure)? = byKey["nothing"] else {
            Issue.record("a delete without an id must fail locally")
            return
        }
        #expect(failure.message.contains("needs the record id"))
        #expect(fixture.count("salesforce.composite.update") == 1)
        #expect(fixture.count("salesforce.composite.delete") == 1)
        #expect(fixture.store.record("Opportunity", id: seeded[0].id)?.fields["Amount"] == .number(42))
        #expect(fixture.store.record("Opportunity", id: seeded[2].id)?.isDeleted == true)
    }

    @Test("a record updated twice in one batch goes out in two calls, the later write last")
    func sameRecordTwice() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(2)
        let writes = [
            RecordWrite(key: "u0", operation: .update, id: seeded[0].id, fields: .object(["Amount": .number(1)])),
            RecordWrite(key: "u1", operation: .update, id: seeded[1].id, fields: .object(["Amount": .number(2)])),
            RecordWrite(key: "u0-again", operation: .update, id: seeded[0].id, fields: .object(["Amount": .number(3)])),
        ]
        let outcomes = try fixture.connector.write(WriteBatch(object: "Opportunity", externalIdField: nil, writes: writes))
        #expect(outcomes.allSatisfy { if case .applied = $0.result { true } else { false } }, "\(outcomes)")
        #expect(fixture.count("salesforce.composite.update") == 2)
        #expect(fixture.store.record("Opportunity", id: seeded[0].id)?.fields["Amount"] == .number(3))
        #expect(fixture.store.record("Opportunity", id: seeded[1].id)?.fields["Amount"] == .number(2))
    }

    @Test("a request refused as a whole fails every record in it with the remote's reason")
    func wholeRequestRefused() throws {
        let fixture = try SalesforceFixture()
        let outcomes = try fixture.connector.write(
            WriteBatch(object: "Opportunity", externalIdField: "Not_An_External_Id__c", writes: Self.upserts(0..<2)))
        #expect(outcomes.count == 2)
        for outcome in outcomes {
            guard case .failed(let failure) = outcome.result else {
                Issue.record("expected a failure")
                continue
            }
            #expect(failure.status == 404)
            #expect(failure.code == "NOT_FOUND")
            #expect(failure.message.contains("Not_An_External_Id__c"))
        }
    }

    @Test("lookups by external id run in chunks of 200 values and key results by the value asked")
    func lookupInChunks() throws {
        let fixture = try SalesforceFixture()
        _ = try fixture.connector.write(
            WriteBatch(object: "Opportunity", externalIdField: "ChannelSync_Id__c", writes: Self.upserts(0..<450)))
        fixture.store.resetCounters()
        let asked = (0..<450).map { "cs-\($0)" } + ["cs-missing", "O'Brien \\ \"quoted\""]
        let found = try fixture.connector.lookup(object: "Opportunity", externalIdField: "ChannelSync_Id__c", values: asked)
        #expect(found.count == 450)
        #expect(found["cs-123"]?.fields[key: "ChannelSync_Id__c"] == .string("cs-123"))
        #expect(found["cs-missing"] == nil)
        #expect(fixture.count("salesforce.query") == 3)
        #expect(fixture.store.totalRequests == 3)
    }

    @Test("field and object names that are not identifiers are refused before any request")
    func injectionRefused() throws {
        let fixture = try SalesforceFixture()
        let error = expectConnectorError {
            _ = try fixture.connector.pull(PullRequest(object: "Opportunity", fields: ["Name FROM User --"], since: nil)) { _ in }
        }
        #expect(error?.kind == .invalidRequest)
        let lookupError = expectConnectorError {
            _ = try fixture.connector.lookup(object: "Opportunity WHERE", externalIdField: "Id", values: ["x"])
        }
        #expect(lookupError?.kind == .invalidRequest)
        #expect(fixture.store.totalRequests == 0)
    }
}
