import Foundation
import SyncCore
import SyncStore

/// A state database with a bit of everything, written through the real store API,
/// with times relative to now (so `--since 1h` means something):
///
/// - deals: L-1 006A↔D-1 (synced, shadow; an update to the CRM still pending),
///   L-2 006B→? (create refused: dead letter), L-3 006C↔D-3 (open conflict on amount),
///   L-4 006D↔D-4 (open conflict on stage), two cycles (ok, then failed) with API use;
/// - leads: L-9 00QA↔P-9 (an update failing, to be retried), R-1 (ambiguous match
///   with candidates P-7 and P-8), one cycle.
enum OpsFixture {
    static let hour: Int64 = 3_600_000

    struct Made {
        let path: String
        let deadFailure: Int64
        let retryFailure: Int64
        let amountConflict: Int64
        let stageConflict: Int64
        let ambiguousConflict: Int64
        let journalRows: Int
    }

    static func make(in directory: URL) throws -> Made {
        let path = directory.appendingPathComponent("channelsync.sqlite").path
        let base = SyncState.systemMillis() - 3 * hour
        var now = base
        let state = try SyncState.open(path: path, clock: { now })
        defer { try? state.close() }

        let first = try state.openCycle(mapping: "deals")
        try state.recordPlan(PlanBatch(
            decisions: [DecisionDraft(JournalDraft(mapping: "deals", linkID: "L-1", crmID: "006A", prmID: "D-1",
                                                   operation: "link", rule: "link.externalId"), status: .applied)],
            links: [link("L-1", "deals", "006A", "D-1"), link("L-3", "deals", "006C", "D-3"), link("L-4", "deals", "006D", "D-4")]),
            cycle: first)
        now += hour / 6
        let update = try state.recordPlan(PlanBatch(intents: [IntentDraft(
            mapping: "deals", linkID: "L-1",
            write: WriteDraft(side: .prm, operation: .update, recordID: "D-1", externalID: "006A", payload: #"{"amount":"12.50"}"#),
            entries: [JournalDraft(mapping: "deals", crmID: "006A", prmID: "D-1", direction: .toPRM, operation: "update",
                                   rule: "propagate.crm",
                                   changes: #"[{"field":"amount","before":{"number":"10"},"after":{"number":"12.50"}}]"#)])]),
            cycle: first)
        let values = #"{"amount":{"number":"12.50"},"name":{"string":"Acme renewal"}}"#
        try state.recordOutcomes(OutcomeBatch(outcomes: [.applied(update.tickets[0].writeID)],
                                              shadows: [ShadowRecord(linkID: "L-1", crmValues: values, prmValues: values,
                                                                     crmModifiedAt: base, prmModifiedAt: base + 60_000)]),
                                 cycle: first)
        now += hour / 6
        let create = try state.recordPlan(PlanBatch(
            intents: [IntentDraft(mapping: "deals", linkID: "L-2",
                                  write: WriteDraft(side: .prm, operation: .create, externalID: "006B", payload: #"{"title":"Globex"}"#),
                                  entries: [JournalDraft(mapping: "deals", crmID: "006B", direction: .toPRM, operation: "create",
                                                         rule: "create")])],
            links: [link("L-2", "deals", "006B", nil)]), cycle: first)
        try state.recordOutcomes(OutcomeBatch(outcomes: [OutcomeDraft(
            writeID: create.tickets[0].writeID, status: .dead,
            refusal: RemoteRefusal(httpStatus: 400, code: "VALIDATION_ERROR", message: "Name is required"))]), cycle: first)
        now += hour / 6
        _ = try state.recordPlan(PlanBatch(
            decisions: [DecisionDraft(JournalDraft(mapping: "deals", linkID: "L-3", crmID: "006C", prmID: "D-3",
                                                   operation: "conflict", rule: "conflict.manual",
                                                   changes: #"[{"field":"amount","before":{"number":"100"},"after":{"number":"150"}}]"#),
                                      status: .applied)],
            openedConflicts: [
                ConflictDraft(mapping: "deals", linkID: "L-3", crmID: "006C", prmID: "D-3", kind: .field, field: "amount",
                              base: #"{"number":"100"}"#, crmValue: #"{"number":"150"}"#, prmValue: #"{"number":"175"}"#),
                ConflictDraft(mapping: "deals", linkID: "L-4", crmID: "006D", prmID: "D-4", kind: .field, field: "stage",
                              base: #"{"string":"Open"}"#, crmValue: #"{"string":"Won"}"#, prmValue: #"{"string":"Lost"}"#),
            ]), cycle: first)
        try state.closeCycle(first, result: .partial, counts: CycleCounts(pulledCRM: 4, pulledPRM: 3, writtenPRM: 2, conflicts: 2, failures: 1),
                             remotes: [RemoteUsage(remote: "salesforce", requests: 12, quotaUsed: 120, quotaLimit: 15_000),
                                       RemoteUsage(remote: "partner-portal", requests: 5)])
        try state.saveCursor(mapping: "deals", side: .crm, value: #"{"highWater":1}"#, highWater: base)
        try state.saveCursor(mapping: "deals", side: .prm, value: #"{"highWater":2}"#, highWater: base)

        now += hour / 2
        let leads = try state.openCycle(mapping: "leads")
        try state.recordPlan(PlanBatch(
            decisions: [
                DecisionDraft(JournalDraft(mapping: "leads", linkID: "L-9", crmID: "00QA", prmID: "P-9", operation: "link",
                                           rule: "link.matchKey"), status: .applied),
                DecisionDraft(JournalDraft(mapping: "leads", linkID: "L-9", crmID: "00QA", prmID: "P-9", operation: "none",
                                           rule: "echo.suppressed"), status: .skipped),
                DecisionDraft(JournalDraft(mapping: "leads", linkID: "R-1", crmID: "00QB", operation: "review",
                                           rule: "link.ambiguous", detail: "candidates P-7, P-8"), status: .applied),
            ],
            links: [link("L-9", "leads", "00QA", "P-9"),
                    LinkRecord(id: "R-1", mapping: "leads", crmID: "00QB", prmID: nil, status: .review)],
            openedConflicts: [ConflictDraft(mapping: "leads", linkID: "R-1", crmID: "00QB", kind: .ambiguousLink,
                                            candidates: ["P-7", "P-8"])]), cycle: leads)
        let failing = try state.recordPlan(PlanBatch(intents: [IntentDraft(
            mapping: "leads", linkID: "L-9",
            write: WriteDraft(side: .prm, operation: .update, recordID: "P-9", externalID: "00QA", payload: #"{"status":"Working"}"#),
            entries: [JournalDraft(mapping: "leads", crmID: "00QA", prmID: "P-9", direction: .toPRM, operation: "update",
                                   rule: "propagate.crm",
                                   changes: #"[{"field":"status","before":{"string":"New"},"after":{"string":"Working"}}]"#)])]),
            cycle: leads)
        try state.recordOutcomes(OutcomeBatch(outcomes: [OutcomeDraft(
            writeID: failing.tickets[0].writeID, status: .failed,
            refusal: RemoteRefusal(httpStatus: 503, code: nil, message: "Service Unavailable\u{1B}[31m"))]), cycle: leads)
        try state.closeCycle(leads, result: .ok, remotes: [RemoteUsage(remote: "salesforce", requests: 3, quotaUsed: 123, quotaLimit: 15_000)])
        try state.saveCursor(mapping: "leads", side: .crm, value: "{}", highWater: nil)

        now = SyncState.systemMillis() - hour / 2
        let second = try state.openCycle(mapping: "deals")
        try state.recordPlan(PlanBatch(intents: [IntentDraft(
            mapping: "deals", linkID: "L-1",
            write: WriteDraft(side: .crm, operation: .update, recordID: "006A", externalID: "D-1", payload: #"{"StageName":"Won"}"#),
            entries: [JournalDraft(mapping: "deals", crmID: "006A", prmID: "D-1", direction: .toCRM, operation: "update",
                                   rule: "propagate.prm",
                                   changes: #"[{"field":"stage","before":{"string":"Open"},"after":{"string":"Won"}}]"#)])]),
            cycle: second)
        try state.closeCycle(second, result: .failed, remotes: [RemoteUsage(remote: "salesforce", requests: 1, throttled: 1)],
                             error: "salesforce: HTTP 503 after 3 attempts")

        let failures = try state.failures()
        let open = try state.conflicts()
        return Made(path: path,
                    deadFailure: failures.first { $0.state == .dead }?.id ?? -1,
                    retryFailure: failures.first { $0.state == .retry }?.id ?? -1,
                    amountConflict: open.first { $0.field == "amount" }?.id ?? -1,
                    stageConflict: open.first { $0.field == "stage" }?.id ?? -1,
                    ambiguousConflict: open.first { $0.kind == .ambiguousLink }?.id ?? -1,
                    journalRows: try state.journalCount())
    }

    private static func link(_ id: String, _ mapping: String, _ crm: String?, _ prm: String?) -> LinkRecord {
        LinkRecord(id: id, mapping: mapping, crmID: crm, prmID: prm, status: .active)
    }
}

/// A fresh fixture per test, in its own temporary directory.
func withFixture<T>(_ body: (OpsFixture.Made, URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-ops-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                            attributes: [.posixPermissions: 0o755])
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(try OpsFixture.make(in: directory), directory)
}

/// stdout parsed as one JSON object.
func jsonObject(_ text: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    guard let object = value as? [String: Any] else { throw FixtureError("not a JSON object: \(text.prefix(200))") }
    return object
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
