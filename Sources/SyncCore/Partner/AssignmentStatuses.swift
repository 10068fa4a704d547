/// The canonical values of the mapping's assignment-status field that lead
/// distribution writes and reads (each must be one of that enum field's values).
public struct AssignmentStatuses: Sendable, Hashable {
    /// Written when a lead is offered to a partner.
    public var offered: String
    /// Read: the partner took the lead.
    public var accepted: String
    /// Read: the partner turned it down.
    public var rejected: String
    /// Written when the lead is taken back and no other partner is eligible.
    public var withdrawn: String

    public init(offered: String = "pending", accepted: String = "accepted", rejected: String = "declined",
                withdrawn: String = "withdrawn") {
        self.offered = offered
        self.accepted = accepted
        self.rejected = rejected
        self.withdrawn = withdrawn
    }
}
