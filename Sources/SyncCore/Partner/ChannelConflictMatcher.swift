/// Decides whether a new registration is for the same end customer as another record
/// (an open opportunity, another partner's active registration), by the configured
/// bases: domain, then email, then fuzzy company name. Pure and deterministic.
public struct ChannelConflictMatcher: Sendable, Hashable {
    /// The bases in use (config `channelConflict.match`).
    public var bases: Set<ChannelConflictBasis>
    /// The least Jaro-Winkler similarity of normalized names that counts as a match.
    public var nameThreshold: Double

    public init(bases: Set<ChannelConflictBasis> = Set(ChannelConflictBasis.allCases), nameThreshold: Double = 0.92) {
        self.bases = bases
        self.nameThreshold = nameThreshold
    }

    /// The strongest evidence that `registration` and `candidate` are one customer,
    /// or nil. Domain beats email beats name.
    public func evidence(_ registration: CustomerIdentity, _ candidate: CustomerIdentity) -> ChannelConflictEvidence? {
        if bases.contains(.domain), let shared = registration.domains.intersection(candidate.domains).min() {
            return ChannelConflictEvidence(basis: .domain, registrationValue: shared, candidateValue: shared)
        }
        if bases.contains(.email), let email = registration.email, email == candidate.email {
            return ChannelConflictEvidence(basis: .email, registrationValue: email, candidateValue: email)
        }
        if bases.contains(.name), let mine = registration.name, let theirs = candidate.name {
            let similarity = NameSimilarity.jaroWinkler(mine, theirs)
            if similarity >= nameThreshold {
                return ChannelConflictEvidence(basis: .name, registrationValue: mine, candidateValue: theirs,
                                               similarity: similarity)
            }
        }
        return nil
    }
}
