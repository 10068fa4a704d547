import SyncCore

/// What the store remembers of a write it journaled, until the write's outcome: the
/// outcome rows copy the intent rows, so with this at hand the outcome transaction
/// reads nothing back. Only committed intents are remembered; a miss (another process
/// wrote the intent, or the memo was cleared) falls back to reading the journal.
struct IntentMemo {
    struct Row {
        let seq: Int64
        /// The intent row's time: its outcome is never stamped earlier.
        let at: Int64
        let linkID: String?
        let crmID: String?
        let prmID: String?
        let direction: JournalRow.Direction
        let operation: String
        let rule: String?
    }

    let writeID: Int64
    let mapping: String
    let cycleID: Int64?
    let linkID: String?
    let side: Side
    let operation: WriteRecord.Operation
    let attempt: Int
    let retryOf: Int64?
    let rows: [Row]

    /// At most this many writes are remembered; beyond it the memo is dropped (the
    /// daemon settles a batch before planning the next, so this is never reached).
    static let capacity = 100_000

    /// The write as `settle` needs it (no payload).
    var write: WriteRecord {
        WriteRecord(id: writeID, mapping: mapping, cycleID: cycleID, linkID: linkID, side: side, operation: operation,
                    recordID: nil, externalID: nil, payload: "", attempt: attempt, retryOf: retryOf,
                    intentSeqs: rows.map(\.seq), outcomeSeq: nil, createdAt: 0)
    }
}
