import Foundation
import SyncCore
@testable import SyncStore

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    // Invariant for @unchecked Sendable: used from the test's own thread only.
    var now: Int64

    init(_ start: Int64 = 1_714_521_600_000) { now = start }

    func advance(_ millis: Int64) { now += millis }
}

/// A fresh migrated state in a temporary directory.
func withState<T>(_ body: (SyncState, TestClock, String) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let path = directory.appendingPathComponent(SyncState.fileName).path
        let clock = TestClock()
        let state = try SyncState.open(path: path, clock: { clock.now })
        defer { try? state.close() }
        return try body(state, clock, path)
    }
}

/// An intent for one create of a PRM record for CRM record `crmID`.
func createIntent(mapping: String = "deals", linkID: String, crmID: String, payload: String = #"{"name":"x"}"#) -> IntentDraft {
    IntentDraft(mapping: mapping, linkID: linkID,
                write: WriteDraft(side: .prm, operation: .create, externalID: crmID, payload: payload),
                entries: [JournalDraft(mapping: mapping, crmID: crmID, direction: .toPRM, operation: "create", rule: "create",
                                       changes: #"[{"field":"name","before":null,"after":{"string":"x"}}]"#)])
}

/// An update of CRM record `crmID` decided by two rules (two intent rows, one write).
func updateIntent(mapping: String = "deals", linkID: String, crmID: String, prmID: String) -> IntentDraft {
    IntentDraft(mapping: mapping, linkID: linkID,
                write: WriteDraft(side: .crm, operation: .update, recordID: crmID, externalID: prmID,
                                  payload: #"{"Amount":"12.50","StageName":"Won"}"#),
                entries: [
                    JournalDraft(mapping: mapping, crmID: crmID, prmID: prmID, direction: .toCRM, operation: "update",
                                 rule: "propagate.prm", changes: #"[{"field":"amount","before":null,"after":{"number":"12.50"}}]"#),
                    JournalDraft(mapping: mapping, crmID: crmID, prmID: prmID, direction: .toCRM, operation: "update",
                                 rule: "policy.prm", changes: #"[{"field":"stage","before":null,"after":{"string":"Won"}}]"#),
                ])
}

func activeLink(_ id: String, mapping: String = "deals", crm: String?, prm: String?) -> LinkRecord {
    LinkRecord(id: id, mapping: mapping, crmID: crm, prmID: prm, status: .active)
}
