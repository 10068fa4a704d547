/// Who moves a registration from one status to another: the lifecycle allows each
/// transition to some of them only (a partner cannot approve its own deal).
public enum RegistrationActor: String, Sendable, Hashable, CaseIterable {
    /// The partner, in the PRM: submits, resubmits, withdraws.
    case partner
    /// The vendor, in the CRM: reviews, decides, closes.
    case vendor
    /// ChannelSync itself: expiry at the end of the protection period, conflict checks.
    case daemon

    /// The side whose edits are this actor's.
    public init(editing side: Side) {
        self = side == .crm ? .vendor : .partner
    }
}
