import Connectors
import SyncCore
import SyncStore

/// One remote write of the cycle: its intent, what to send, and what became of it.
struct OutgoingWrite {
    /// Index of its intent in the cycle's `PlanBatch.intents`.
    let intentIndex: Int
    let side: Side
    let operation: WriteRecord.Operation
    /// The target record; nil for a create, and for an update or delete planned before
    /// its record's create had an outcome (filled from the link when it is sent).
    var recordID: String?
    /// The counterpart's id, for the target's external-id field.
    let externalID: String?
    let linkID: String?
    /// The native body to send.
    let fields: JSONValue
    /// Canonical values, for the summary (empty for a resend, which carries only its payload).
    let canonical: [String: Value]
    /// Fields the mapping could not write on this side: such a write is not sent.
    let unwritable: [FieldError]
    /// 1 for a first send; a resend counts on from its failure's attempts.
    let attempt: Int
    /// The plan whose shadow waits for this write's outcome, if any.
    let plan: Int?
    /// The store's id, known once the plan is recorded.
    var writeID: Int64 = 0
    /// What became of it (`applied`, `failed`, `dead`, `unsettled`, `planned`); nil
    /// until it is handled.
    var result: String?

    /// An update or delete planned before its record's create had an outcome: its target
    /// id is read from the link when it is sent.
    var awaitsTarget: Bool { operation != .create && recordID == nil }

    /// The operation as the summary names it.
    var summaryOperation: WriteOperation {
        switch operation {
        case .create: .create
        case .update: .update
        case .delete: .delete
        }
    }

    /// The write as a connector takes it, keyed by the store's write id.
    var recordWrite: RecordWrite {
        let kind: RecordWrite.Operation = switch operation {
        case .create: .create
        case .update: .update
        case .delete: .delete
        }
        return RecordWrite(key: String(writeID), operation: kind, id: recordID, externalId: externalID, fields: fields)
    }
}
