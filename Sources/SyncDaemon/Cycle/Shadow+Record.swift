import SyncCore
import SyncStore

extension Shadow {
    /// The reconciler's view of a stored shadow, laid out for the mapping's fields.
    init(_ record: ShadowRecord, names: [String]) throws(CycleError) {
        do {
            self = try record.shadow(alignedTo: names)
        } catch {
            throw CycleError.store("read the shadow of link \(record.linkID)", error)
        }
    }

    /// The store's row for this shadow of `linkID` (awaits-echo flags included).
    func record(linkID: String) throws(CycleError) -> ShadowRecord {
        do {
            return try ShadowRecord(linkID: linkID, shadow: self)
        } catch {
            throw CycleError.store("encode the shadow of link \(linkID)", error)
        }
    }
}
