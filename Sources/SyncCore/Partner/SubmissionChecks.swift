/// What the cycle found out, with I/O, about a registration about to be created in
/// the CRM: the workflow decides with these and stays pure.
public struct SubmissionChecks: Sendable, Hashable {
    /// Whether the registering partner is an account in the CRM; nil: not checked
    /// (no `partnerMatch`, or the registration names no partner).
    public var partnerKnown: Bool?
    /// The partner key looked up, for the journal.
    public var partner: String?
    /// The first record found for the same end customer, if any.
    public var conflict: ChannelConflictMatch?
    /// How many candidates (open deals, active registrations) the conflict check compared, for the journal.
    public var compared: Int

    public init(partnerKnown: Bool? = nil, partner: String? = nil, conflict: ChannelConflictMatch? = nil, compared: Int = 0) {
        self.partnerKnown = partnerKnown
        self.partner = partner
        self.conflict = conflict
        self.compared = compared
    }
}

/// A record that claims the same end customer as a new registration.
public struct ChannelConflictMatch: Sendable, Hashable {
    /// The side and id of the other record (an open CRM opportunity, or another
    /// partner's active registration in the PRM).
    public var side: Side
    public var recordId: String
    /// Its counterpart on the other side, when it is linked.
    public var counterpartId: String?
    /// "open opportunity", "active registration (approved) of partner P", …
    public var description: String
    public var evidence: ChannelConflictEvidence

    public init(side: Side, recordId: String, counterpartId: String? = nil, description: String,
                evidence: ChannelConflictEvidence) {
        self.side = side
        self.recordId = recordId
        self.counterpartId = counterpartId
        self.description = description
        self.evidence = evidence
    }
}
