/// The legal status transitions of a deal registration, and who may make each.
/// Pure data: the cycle asks it before a status change is written to the other side,
/// and refuses (journals, does not write) what it does not allow.
///
/// The table follows common partner programs: the partner submits (or resubmits a
/// returned registration) and may withdraw it; the vendor reviews, decides
/// (approve / reject / return / duplicate) and closes (won / lost); ChannelSync
/// expires approved registrations whose protection period ran out and marks channel
/// conflicts. A closed registration (rejected, duplicate, expired, canceled, won,
/// lost) stays closed, except `expired` → `approved` under the extension rule.
public struct RegistrationLifecycle: Sendable, Hashable {
    /// Whether the vendor may re-approve an expired registration (an extension),
    /// which restarts its protection period.
    public var reopensExpired: Bool

    public init(reopensExpired: Bool = false) {
        self.reopensExpired = reopensExpired
    }

    /// Who may move a registration from one status to another (absent: nobody).
    static let table: [RegistrationStatus: [RegistrationStatus: Set<RegistrationActor>]] = [
        .draft: [.submitted: [.partner], .canceled: [.partner, .vendor]],
        .submitted: [
            .underReview: [.vendor, .daemon], .returned: [.vendor], .approved: [.vendor], .rejected: [.vendor],
            .duplicate: [.vendor, .daemon], .canceled: [.partner, .vendor],
        ],
        .underReview: [
            .submitted: [.vendor, .daemon], .returned: [.vendor], .approved: [.vendor], .rejected: [.vendor],
            .duplicate: [.vendor, .daemon], .canceled: [.partner, .vendor],
        ],
        .returned: [.submitted: [.partner], .rejected: [.vendor], .canceled: [.partner, .vendor]],
        .approved: [
            .won: [.vendor], .lost: [.vendor], .expired: [.daemon, .vendor], .canceled: [.partner, .vendor],
        ],
    ]

    /// Whether `actor` may move a registration from `from` to `to`. No status yet
    /// (`from` nil) allows any opening status a partner can submit.
    public func check(from: RegistrationStatus?, to: RegistrationStatus, by actor: RegistrationActor) -> RegistrationTransition {
        guard let from else {
            return to == .draft || to == .submitted ? .allowed
                : .refused(reason: "a new registration starts as submitted or draft, not \(to.rawValue)")
        }
        if from == to { return .allowed }
        if from == .expired, to == .approved, actor == .vendor {
            return reopensExpired ? .extended
                : .refused(reason: "expired → approved needs the extension rule (dealRegistration.extensions.reopenExpired)")
        }
        guard let actors = Self.table[from]?[to] else {
            return .refused(reason: "\(from.rawValue) → \(to.rawValue) is not a registration transition")
        }
        guard actors.contains(actor) else {
            let who = actors.map(\.rawValue).sorted().joined(separator: " or ")
            return .refused(reason: "\(from.rawValue) → \(to.rawValue) is made by the \(who), not the \(actor.rawValue)")
        }
        return .allowed
    }
}
