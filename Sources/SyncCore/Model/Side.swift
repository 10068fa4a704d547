/// The two systems ChannelSync keeps in step.
public enum Side: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The vendor's own CRM (Salesforce, HubSpot, …).
    case crm
    /// The partner portal (PRM).
    case prm

    public var other: Side { self == .crm ? .prm : .crm }
    public var description: String { rawValue.uppercased() }
}
