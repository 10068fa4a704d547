import Foundation
import Testing
@testable import Sandbox
import SyncCore

/// The write log the crash soak compares with the journal: every API write, attributed
/// to its request, and nothing else (user edits, failed and rolled-back writes).
@Suite struct WriteLogTests {
    let version = "/services/data/v59.0"

    @Test func apiWritesAreLoggedWithTheirRequestAndUserEditsAreNot() throws {
        let (api, _, token) = makeSalesforce()
        let seeded = try api.store.seed("Lead", fields: ["LastName": .string("Seeded"), "Company": .string("Acme")])
        try api.store.edit("Lead", id: seeded.id, set: ["Status": .string("Working")])
        #expect(api.store.writeLog.isEmpty)
        let created = try api.handle(.send("POST", "\(version)/composite/sobjects", value: .object(["records": .array([
            .object(["attributes": .object(["type": .string("Lead")]), "LastName": .string("Ng"), "Company": .string("Acme")]),
            .object(["attributes": .object(["type": .string("Lead")]), "Bogus__c": .string("x")]),
        ])]), bearer: token)).json
        let lead = try #require(created[0]?["id"]?.asString)
        #expect(created[1]?["success"] == .bool(false))
        _ = api.handle(.send("DELETE", "\(version)/composite/sobjects?ids=\(seeded.id)", json: "", bearer: token))
        let log = api.store.writeLog
        #expect(log.map(\.operation) == [.create, .delete])
        #expect(log.map(\.recordID) == [lead, seeded.id])
        #expect(log.map(\.route) == ["salesforce.composite.create", "salesforce.composite.delete"])
        #expect(log.map(\.method) == ["POST", "DELETE"])
        #expect(log.allSatisfy { $0.path == "\(version)/composite/sobjects" && $0.outcome == .applied })
        #expect(log.map(\.sequence) == [1, 2])
        #expect(api.store.writeCount == 2)
    }

    @Test func writesOfARolledBackBatchAreMarkedRolledBack() throws {
        let (api, _, token) = makeSalesforce()
        let existing = try api.store.seed("Lead", fields: ["LastName": .string("Old"), "Company": .string("Acme")])
        let records: [JSONValue] = [
            .object(["attributes": .object(["type": .string("Lead")]), "Id": .string(existing.id), "LastName": .string("New")]),
            .object(["attributes": .object(["type": .string("Lead")]), "Id": .string("00Q000000000000AAA")]),
        ]
        _ = api.handle(.send("PATCH", "\(version)/composite/sobjects",
                             value: .object(["allOrNone": .bool(true), "records": .array(records)]), bearer: token))
        #expect(api.store.writeLog.map(\.outcome) == [.rolledBack])
        #expect(api.store.writeLog.first?.recordID == existing.id)
        #expect(api.store.record("Lead", id: existing.id)?.fields["LastName"] == .string("Old"))
    }
}
