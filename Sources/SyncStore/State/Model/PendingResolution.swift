/// What the remote says about a write left pending by a crash, as the start-up
/// lookup (by external id, or by record id) found it.
public enum PendingResolution: Sendable, Hashable {
    /// The remote holds the written state: the write took effect. `remoteID` is the
    /// record's id there (fills the link for a create).
    case applied(remoteID: String?)
    /// The remote does not hold it: the write never arrived. It is queued to be sent
    /// again (a failure in state `retry`), so it goes out behind a fresh intent.
    case notApplied
    /// The lookup cannot tell (no external id to look up a create by): sending again
    /// could duplicate, so it becomes a dead letter for ops.
    case unknown(reason: String)
}
