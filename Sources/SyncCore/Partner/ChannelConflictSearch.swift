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

    /// A candidate: a known record and, when linked, its counterpart's id.
    public struct Candidate: Sendable, Hashable {
        public var record: CanonicalRecord
        public var counterpartId: String?

        public init(record: CanonicalRecord, counterpartId: String? = nil) {
            self.record = record
            self.counterpartId = counterpartId
        }
    }

    /// Whether `candidate` still claims its customer: a CRM record that is not closed
    /// (outcome won/lost, or a closed registration status), or a PRM registration of
    /// another partner that is active.
    public func claims(_ candidate: CanonicalRecord, against submitted: CanonicalRecord) -> String? {
        let values = candidate.values
        let status = RegistrationStatus(values[registration.statusField])
        if candidate.side == .crm {
            if let outcome = registration.outcome, case let .string(word)? = values[outcome.field],
               word == outcome.won || word == outcome.lost { return nil }
            if let status, !status.isActive { return nil }
            return status.map { "open opportunity (registration \($0.rawValue))" } ?? "open opportunity"
        }
        guard candidate.id != submitted.id, let status, status.isActive else { return nil }
        if let partnerField = registration.partnerMatch?.field {
            let theirs = values[partnerField]
            if theirs != nil, theirs == submitted.values[partnerField] { return nil }  // the same partner's own deals
            if case let .string(partner)? = theirs { return "active registration (\(status.rawValue)) of partner \(partner)" }
        }
        return "active registration (\(status.rawValue))"
    }

    /// The strongest match (domain, then email, then name; then the lowest id), or nil.
    public func firstMatch(for submitted: CanonicalRecord, among candidates: [Candidate]) -> ChannelConflictMatch? {
        let customer = settings.customer(submitted.values)
        guard !customer.isEmpty else { return nil }
        var best: ChannelConflictMatch?
        for candidate in candidates {
            guard let description = claims(candidate.record, against: submitted),
                  let evidence = settings.matcher.evidence(customer, settings.customer(candidate.record.values)) else { continue }
            let match = ChannelConflictMatch(side: candidate.record.side, recordId: candidate.record.id,
                                             counterpartId: candidate.counterpartId, description: description,
                                             evidence: evidence)
            if let current = best {
                let key = (evidence.basis, -(evidence.similarity ?? 1), candidate.record.side == .crm ? 0 : 1, candidate.record.id)
                let old = (current.evidence.basis, -(current.evidence.similarity ?? 1), current.side == .crm ? 0 : 1, current.recordId)
                if key < old { best = match }
            } else {
                best = match
            }
        }
        return best
    }
}
