/// Finds, among records ChannelSync knows on both sides, the one that claims the same
/// end customer as a new registration: an open CRM opportunity, or another partner's
/// active registration. Pure: the cycle passes the candidates it read from the store.
public struct ChannelConflictSearch: Sendable {
    public let registration: DealRegistration
    public let settings: ChannelConflictSettings

    public init?(registration: DealRegistration) {
        guard let settings = registration.channelConflict else { return nil }
        self.registration = registration
        self.settings = settings
    }

    /// A known record that claims an end customer, kept as small as the check allows
    /// (ids, the customer in comparable form, what it claims): a cycle holds one per open
    /// deal and active registration of the mapping, never the records themselves.
    public struct Candidate: Sendable, Hashable {
        public enum Claim: Sendable, Hashable {
            /// A CRM record that is not closed, described for the journal.
            case opportunity(String)
            /// A PRM registration in an active status, with its partner (when the
            /// program matches partners): another partner's registration claims the customer.
            case registration(RegistrationStatus, partner: Value?)
        }

        public var side: Side
        public var id: String
        /// The id of its counterpart, when linked.
        public var counterpartId: String?
        public var customer: CustomerIdentity
        public var claim: Claim
    }

    /// The candidate `record` makes, or nil when it claims no customer whatever is
    /// submitted: a closed CRM record (outcome won/lost, or a closed registration status),
    /// a PRM registration that is not active, or no customer to match on.
    public func candidate(_ record: CanonicalRecord, counterpartId: String? = nil) -> Candidate? {
        let customer = settings.customer(record.values)
        guard !customer.isEmpty, let claim = claim(of: record) else { return nil }
        return Candidate(side: record.side, id: record.id, counterpartId: counterpartId, customer: customer, claim: claim)
    }

    private func claim(of record: CanonicalRecord) -> Candidate.Claim? {
        let values = record.values
        let status = RegistrationStatus(values[registration.statusField])
        if record.side == .crm {
            if let outcome = registration.outcome, case let .string(word)? = values[outcome.field],
               word == outcome.won || word == outcome.lost { return nil }
            if let status, !status.isActive { return nil }
            return .opportunity(status.map { "open opportunity (registration \($0.rawValue))" } ?? "open opportunity")
        }
        guard let status, status.isActive else { return nil }
        return .registration(status, partner: registration.partnerMatch.flatMap { values[$0.field] })
    }

    /// Whether `candidate` claims the customer of `submitted`: an open CRM record, or an
    /// active registration of another partner (not `submitted` itself). Its description, or nil.
    public func claims(_ candidate: Candidate, against submitted: CanonicalRecord) -> String? {
        switch candidate.claim {
        case let .opportunity(description):
            return description
        case let .registration(status, partner):
            guard candidate.id != submitted.id else { return nil }
            if let partnerField = registration.partnerMatch?.field {
                if partner != nil, partner == submitted.values[partnerField] { return nil }  // the same partner's own deals
                if case let .string(name)? = partner { return "active registration (\(status.rawValue)) of partner \(name)" }
            }
            return "active registration (\(status.rawValue))"
        }
    }

    /// The strongest match (domain, then email, then name; then the lowest id), or nil.
    public func firstMatch(for submitted: CanonicalRecord, among candidates: [Candidate]) -> ChannelConflictMatch? {
        let customer = settings.customer(submitted.values)
        guard !customer.isEmpty else { return nil }
        var best: ChannelConflictMatch?
        for candidate in candidates {
            guard let description = claims(candidate, against: submitted),
                  let evidence = settings.matcher.evidence(customer, candidate.customer) else { continue }
            let match = ChannelConflictMatch(side: candidate.side, recordId: candidate.id,
                                             counterpartId: candidate.counterpartId, description: description,
                                             evidence: evidence)
            if let current = best {
                let key = (evidence.basis, -(evidence.similarity ?? 1), candidate.side == .crm ? 0 : 1, candidate.id)
                let old = (current.evidence.basis, -(current.evidence.similarity ?? 1), current.side == .crm ? 0 : 1, current.recordId)
                if key < old { best = match }
            } else {
                best = match
            }
        }
        return best
    }
}
