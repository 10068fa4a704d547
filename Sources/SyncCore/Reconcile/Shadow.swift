/// What ChannelSync last knew each side of a linked pair to hold: the base of
/// the three-way merge. Values are kept per side: after a normal cycle both
/// sides hold the same values, but a field may legitimately differ (a
/// `createOnly` field edited later, a one-way `preferNonEmpty` field emptied at
/// its source, an open manual conflict), and comparing each side with its own
/// last value keeps such a field from being reported again on every cycle.
/// A side's value equal to its shadow is never propagated: that is how our own
/// writes, read back on the next pull, are recognized as echoes.
public struct Shadow: Sendable, Hashable, Codable {
    public var crm: FieldValues
    public var prm: FieldValues
    /// The newest modification time seen on each side (epoch ms). A change
    /// older than this is a stale re-read and is ignored.
    public var crmModifiedAt: Int64?
    public var prmModifiedAt: Int64?
    /// True when a planned write to that side has not been read back yet: a
    /// record whose modification time equals the one seen is then the snapshot
    /// taken *before* our write (e.g. pulled earlier in the same cycle) and is
    /// ignored; the write's echo, with a later time, brings the truth. Without
    /// a pending write an equal time is processed, so a second edit within the
    /// same clock tick of a coarse remote clock is not lost.
    public var crmAwaitsEcho: Bool
    public var prmAwaitsEcho: Bool
    /// Fields with an open manual conflict, sorted. Nothing is written for them
    /// until ops resolve the conflict or the sides come to agree by themselves.
    public var conflicts: [String]

    public init(crm: FieldValues, prm: FieldValues, crmModifiedAt: Int64? = nil, prmModifiedAt: Int64? = nil,
                crmAwaitsEcho: Bool = false, prmAwaitsEcho: Bool = false, conflicts: [String] = []) {
        self.crm = crm
        self.prm = prm
        self.crmModifiedAt = crmModifiedAt
        self.prmModifiedAt = prmModifiedAt
        self.crmAwaitsEcho = crmAwaitsEcho
        self.prmAwaitsEcho = prmAwaitsEcho
        self.conflicts = conflicts
    }

    public func values(_ side: Side) -> FieldValues { side == .crm ? crm : prm }
    public func modifiedAt(_ side: Side) -> Int64? { side == .crm ? crmModifiedAt : prmModifiedAt }
    public func awaitsEcho(_ side: Side) -> Bool { side == .crm ? crmAwaitsEcho : prmAwaitsEcho }

    /// Whether a record of `side` modified at `time` is one already accounted
    /// for: older than the newest seen, or that same version with our write to
    /// it still unread.
    public func hasSeen(_ side: Side, modifiedAt time: Int64) -> Bool {
        guard let seen = modifiedAt(side) else { return false }
        return time < seen || (time == seen && awaitsEcho(side))
    }
}
