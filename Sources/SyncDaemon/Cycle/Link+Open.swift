import SyncCore

extension Link {
    /// Whether the link still holds its records: they are synced (`active`), wait for
    /// ops (`flagged`), or wait for a counterpart (`review`).
    var isOpen: Bool { status == .active || status == .flagged || status == .review }
}
