/// Everything one reconcile call looks at, for one pair (or one unlinked record).
public struct ReconcileInput: Sendable, Hashable {
    /// The pair's link; nil for a record the store found in no link.
    public var link: Link?
    /// The pair's shadow; nil before the first sync of the pair.
    public var shadow: Shadow?
    /// What the CRM reported for the pair's CRM record this cycle, if anything.
    public var crm: RecordChange?
    public var prm: RecordChange?
    /// Ops' decisions for conflicted fields (`channelsync conflicts resolve`),
    /// by field name: the value both sides must hold.
    public var resolutions: [String: Value]
    /// The id for a link this call creates. The store passes a fresh one each
    /// call (a UUID, a sequence); it is used only when a link is created, which only a
    /// record in no link (`link` nil) can cause — with a link it may be "" (the daemon
    /// makes none then: a cycle reconciles tens of thousands of linked pairs).
    public var newLinkID: String
    /// The clock, epoch milliseconds: the reconciler never reads one itself.
    public var now: Int64
    /// For a record in no open link: a link of it that ended with both records named
    /// (`unlinked`: delete policy `unlink`, scope left). Such a record had a counterpart,
    /// so it may be linked again but is never created again on the other side.
    public var endedLink: Link?
    /// For an `active` pair: a failed update of it that is due for a resend, merged
    /// instead of resent (see `UnsentWrite`).
    public var unsent: UnsentWrite?

    public init(link: Link?, shadow: Shadow?, crm: RecordChange?, prm: RecordChange?,
                resolutions: [String: Value] = [:], newLinkID: String, now: Int64, endedLink: Link? = nil,
                unsent: UnsentWrite? = nil) {
        self.link = link
        self.shadow = shadow
        self.crm = crm
        self.prm = prm
        self.resolutions = resolutions
        self.newLinkID = newLinkID
        self.now = now
        self.endedLink = endedLink
        self.unsent = unsent
    }

    public func change(_ side: Side) -> RecordChange? { side == .crm ? crm : prm }
}
