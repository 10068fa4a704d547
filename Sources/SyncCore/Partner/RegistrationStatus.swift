/// The canonical deal-registration vocabulary (API-DIALECTS.md, "Deal-registration
/// vocabulary"). Each side's native status is mapped onto these words by the status
/// field's value maps, so the lifecycle rules are written once for every program.
public enum RegistrationStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case draft
    case submitted
    case underReview = "under_review"
    case returned
    case approved
    case rejected
    case duplicate
    case expired
    case canceled
    case won
    case lost

    /// A registration that still claims its end customer: it blocks another partner's
    /// registration for the same customer (channel conflict).
    public var isActive: Bool {
        switch self {
        case .submitted, .underReview, .returned, .approved: true
        default: false
        }
    }

    /// A status the vendor sets when deciding a registration: it carries a reason and
    /// a decision time.
    public var isDecision: Bool {
        switch self {
        case .approved, .rejected, .returned, .duplicate: true
        default: false
        }
    }

    /// Reads a canonical value (`.string("under_review")`); nil for anything else.
    public init?(_ value: Value?) {
        guard case let .string(text)? = value else { return nil }
        self.init(rawValue: text)
    }

    public var value: Value { .string(rawValue) }
}
