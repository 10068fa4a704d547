/// A mapping's deal-registration program (`dealRegistration: {…}` in the mapping
/// file): which canonical fields hold the registration's status, reason and dates,
/// how long an approval protects the partner, how partners and channel conflicts are
/// checked before a registration becomes a CRM record. Every field named here is a
/// canonical field of the mapping, so each side's native names and status words stay
/// in the fields' paths and value maps.
public struct DealRegistration: Sendable, Hashable {
    /// The `enum` field holding the canonical status (`RegistrationStatus` words).
    public var statusField: String
    /// The status a new registration gets in the CRM (and back in the PRM) when it is
    /// created there: `submitted` (default) or `under_review`.
    public var pendingStatus: RegistrationStatus
    public var protection: ProtectionPeriod
    /// Optional fields the daemon fills: the decision's reason (kept as written in the
    /// CRM), its time (stamped when the CRM leaves it empty), the protection end date.
    public var reasonField: String?
    public var decidedAtField: String?
    public var expiresAtField: String?
    public var lifecycle: RegistrationLifecycle
    /// How the registering partner is found in the CRM; nil: not checked.
    public var partnerMatch: PartnerMatch?
    /// What a registration from a partner the CRM does not know becomes.
    public var unknownPartner: UnknownPartnerAction
    /// The CRM's deal outcome, which closes an approved registration as won or lost.
    public var outcome: RegistrationOutcome?
    /// Nil: no channel-conflict check.
    public var channelConflict: ChannelConflictSettings?

    public init(statusField: String, pendingStatus: RegistrationStatus = .submitted,
                protection: ProtectionPeriod = ProtectionPeriod(days: 90), reasonField: String? = nil,
                decidedAtField: String? = nil, expiresAtField: String? = nil,
                lifecycle: RegistrationLifecycle = RegistrationLifecycle(), partnerMatch: PartnerMatch? = nil,
                unknownPartner: UnknownPartnerAction = .review, outcome: RegistrationOutcome? = nil,
                channelConflict: ChannelConflictSettings? = nil) {
        self.statusField = statusField
        self.pendingStatus = pendingStatus
        self.protection = protection
        self.reasonField = reasonField
        self.decidedAtField = decidedAtField
        self.expiresAtField = expiresAtField
        self.lifecycle = lifecycle
        self.partnerMatch = partnerMatch
        self.unknownPartner = unknownPartner
        self.outcome = outcome
        self.channelConflict = channelConflict
    }
}

/// How a registration's partner is found among the CRM's accounts: the canonical
/// `field` (e.g. `partner_account`) must equal `crmField` of one `crmObject` record.
public struct PartnerMatch: Sendable, Hashable {
    public var field: String
    public var crmObject: String
    public var crmField: String

    public init(field: String, crmObject: String = "Account", crmField: String = "Id") {
        self.field = field
        self.crmObject = crmObject
        self.crmField = crmField
    }
}

/// What happens to a registration whose partner the CRM does not know.
public enum UnknownPartnerAction: String, Sendable, Hashable, CaseIterable {
    /// Nothing is created; the registration is set `under_review` and journaled.
    case review
    /// Created anyway (programs where partners are not CRM accounts).
    case create
}

/// The CRM field that says how the deal ended, and its canonical won/lost words.
public struct RegistrationOutcome: Sendable, Hashable {
    public var field: String
    public var won: String
    public var lost: String
    /// Fields sent to the PRM with the outcome (commission needs amount and close date).
    public var report: [String]

    public init(field: String, won: String = "won", lost: String = "lost", report: [String] = []) {
        self.field = field
        self.won = won
        self.lost = lost
        self.report = report
    }
}

/// The channel-conflict check run before a registration becomes a CRM record.
public struct ChannelConflictSettings: Sendable, Hashable {
    public var matcher: ChannelConflictMatcher
    /// Canonical fields holding the end customer's domain, contact email and company
    /// name (each optional; a basis without its field is not used).
    public var domainField: String?
    public var emailField: String?
    public var nameField: String?
    /// The status a conflicting registration gets.
    public var onMatch: RegistrationStatus

    public init(matcher: ChannelConflictMatcher = ChannelConflictMatcher(), domainField: String? = nil,
                emailField: String? = nil, nameField: String? = nil, onMatch: RegistrationStatus = .duplicate) {
        self.matcher = matcher
        self.domainField = domainField
        self.emailField = emailField
        self.nameField = nameField
        self.onMatch = onMatch
    }

    /// The end customer a record's canonical values describe.
    public func customer(_ values: FieldValues) -> CustomerIdentity {
        func text(_ field: String?) -> String? {
            guard let field, case let .string(value)? = values[field], !value.isEmpty else { return nil }
            return value
        }
        return CustomerIdentity(domain: text(domainField), email: text(emailField), name: text(nameField))
    }
}
