/// The lifecycle's answer for one status change.
public enum RegistrationTransition: Sendable, Hashable {
    /// Allowed as a plain step of the lifecycle.
    case allowed
    /// Allowed only by the configured extension rule (e.g. `expired` → `approved`):
    /// the protection period starts again.
    case extended
    /// Not allowed: the change is journaled and not written. `reason` says why, for ops.
    case refused(reason: String)

    public var isAllowed: Bool {
        if case .refused = self { return false }
        return true
    }
}
