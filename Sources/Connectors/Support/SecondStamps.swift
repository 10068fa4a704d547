/// Modification times in whole seconds (Pipedrive `update_time`, Zoho `Modified_Time`): a
/// record delivered while its second was still running may change again with the same
/// stamp, so "delivered before with this stamp" only proves nothing changed for stamps
/// that were over when the last pull ran.
///
/// The cursor's `token` keeps that time: the pull's start by the connector's clock, less
/// `skewMillis` for a remote clock running ahead.
struct SecondStamps {
    static let skewMillis: Int64 = 5_000

    /// Stamps below this were final when the cursor's pull delivered them; nil on a full pull.
    let settled: Int64?
    /// What this pull's cursors carry.
    let settledNow: String

    init(since: PullCursor?, completeScan: Bool, now: Int64) {
        settled = completeScan ? nil : since?.token.flatMap { Int64($0) }
        settledNow = String(now - Self.skewMillis)
    }

    /// True when `memory` proves the record was delivered as it is now.
    func alreadyDelivered(_ memory: OverlapMemory, id: String, stamp: Int64) -> Bool {
        guard let settled, stamp < settled else { return false }
        return memory.delivered(id: id, stamp: stamp)
    }

    /// The memory's cursor, carrying this pull's settle time.
    func cursor(_ memory: inout OverlapMemory, deletesCoveredUntil: Int64?) -> PullCursor {
        var cursor = memory.cursor(deletesCoveredUntil: deletesCoveredUntil)
        cursor.token = settledNow
        return cursor
    }
}
