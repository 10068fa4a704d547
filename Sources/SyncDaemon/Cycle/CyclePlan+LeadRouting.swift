import SyncCore
import SyncStore

extension CyclePlan {
    /// Adds one lead-distribution update (the assignment fields only) and its intent;
    /// returns its index in `writes`. `linkID` is nil for a lead not linked yet.
    mutating func appendRouting(side: Side, recordID: String, externalID: String?, linkID: String?,
                                fields: [String: Value], entries: [JournalDraft], plan: Int?) -> Int {
        let native = mapping.nativeRecord(fields, side: side)
        let draft = WriteDraft(side: side, operation: .update, recordID: recordID, externalID: externalID,
                               payload: JSONWriter.string(native.record))
        batch.intents.append(IntentDraft(mapping: mapping.name, linkID: linkID, write: draft, entries: entries))
        writes.append(OutgoingWrite(
            intentIndex: batch.intents.count - 1, side: side, operation: .update, recordID: recordID,
            externalID: externalID, linkID: linkID, fields: native.record, canonical: fields,
            unwritable: native.errors, attempt: 1, plan: plan))
        return writes.count - 1
    }
}
