/// Intents committed on one connection whose outcomes another connection records: the
/// sender thread records a plan chunk and hands its outcome commits to a `StoreWriter`
/// with a connection of its own (one connection per thread). Carrying the memos spares
/// that connection reading every intent back (`recordOutcomes` falls back to that).
public struct IntentMemos: Sendable {
    let memos: [IntentMemo]
}

extension SyncState {
    /// Removes the memos of `writeIDs` from this connection, for `adopt` on another.
    public func takeMemos(writeIDs: [Int64]) -> IntentMemos {
        IntentMemos(memos: writeIDs.compactMap { memos.removeValue(forKey: $0) })
    }

    /// Takes memos made on another connection of the same database (`takeMemos`).
    public func adopt(_ handed: IntentMemos) {
        if memos.count + handed.memos.count > IntentMemo.capacity { memos.removeAll() }
        for memo in handed.memos { memos[memo.writeID] = memo }
    }
}
