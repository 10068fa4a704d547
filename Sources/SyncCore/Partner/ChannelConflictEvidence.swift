/// Why two records were taken for the same end customer: the basis, the values that
/// matched on each record, and for names the similarity. Journaled with the conflict
/// so ops can see the match, not only that there was one.
public struct ChannelConflictEvidence: Sendable, Hashable, Codable {
    public var basis: ChannelConflictBasis
    /// The registration's normalized value and the other record's.
    public var registrationValue: String
    public var candidateValue: String
    /// For `name`: the Jaro-Winkler similarity of the normalized names.
    public var similarity: Double?

    public init(basis: ChannelConflictBasis, registrationValue: String, candidateValue: String, similarity: Double? = nil) {
        self.basis = basis
        self.registrationValue = registrationValue
        self.candidateValue = candidateValue
        self.similarity = similarity
    }

    /// One line for the journal and `channelsync conflicts`.
    public var summary: String {
        if let similarity {
            let percent = (similarity * 1000).rounded() / 10
            return "\(basis.rawValue): '\(registrationValue)' ~ '\(candidateValue)' (similarity \(percent)%)"
        }
        return "\(basis.rawValue): '\(registrationValue)' = '\(candidateValue)'"
    }
}
