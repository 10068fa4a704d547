import Connectors
import SyncCore
import SyncStore

/// Everything that can end a sync cycle early. Each case names the mapping's side, the
/// remote and the step, and carries the remote's or store's own words; none carries a
/// secret (connector errors are redacted at the source).
public enum CycleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The mapping cannot be reconciled (the reconciler refused it).
    case invalidMapping(mapping: String, reason: String)
    /// The mapping names a remote that has no connector.
    case remoteMissing(mapping: String, remote: String)
    /// A connector could not be built from the remote's config (options, credentials names).
    case connectorUnavailable(remote: String, reason: String)
    /// Pulling changes failed; nothing was written and no cursor moved.
    case pullFailed(side: Side, remote: String, error: ConnectorError)
    /// Looking up writes whose outcome is unknown failed; they stay pending and the
    /// mapping's cursors stay where they are until a later cycle resolves them.
    case lookupFailed(side: Side, remote: String, error: ConnectorError)
    /// Looking up a registration's partner in the CRM failed; nothing of the cycle was
    /// written and its cursors stay, so the registration is checked again next cycle.
    case partnerLookupFailed(remote: String, object: String, error: ConnectorError)
    /// The state database refused a step (or held something that does not decode).
    case state(step: String, reason: String)
    /// The state database's filesystem is full (or a quota or the file-size limit is hit,
    /// `StoreError.diskFull`): the step's transaction rolled back, nothing was lost, and
    /// the next cycle tries again.
    case diskFull(step: String, error: StoreError)
    /// The reconciler refused an input (a bug in the cycle: the parts did not belong together).
    case reconcile(reason: String)
    /// A stop was requested before any write was planned; nothing was written.
    case stopped(mapping: String)

    public var description: String {
        switch self {
        case let .invalidMapping(mapping, reason):
            "mapping '\(mapping)' cannot be reconciled: \(reason)"
        case let .remoteMissing(mapping, remote):
            "mapping '\(mapping)' uses remote '\(remote)', which has no connector"
        case let .connectorUnavailable(remote, reason):
            "remote '\(remote)': cannot start its connector: \(reason)"
        case let .pullFailed(side, remote, error):
            "pull from the \(side) (remote '\(remote)') failed: \(error)"
        case let .lookupFailed(side, remote, error):
            "looking up unsettled writes on the \(side) (remote '\(remote)') failed: \(error)"
        case let .partnerLookupFailed(remote, object, error):
            "looking up a registration's partner in \(object) (remote '\(remote)') failed: \(error)"
        case let .state(step, reason):
            "state database: \(step): \(reason)"
        case let .diskFull(step, error):
            "state database: \(step): \(error)"
        case let .reconcile(reason):
            "reconcile: \(reason)"
        case let .stopped(mapping):
            "mapping '\(mapping)': stopped before writing"
        }
    }

    /// The store's errors, named by the step that failed.
    static func store(_ step: String, _ error: any Error) -> CycleError {
        if let error = error as? CycleError { return error }
        if let error = error as? StoreError, error.diskFullSummary != nil { return .diskFull(step: step, error: error) }
        return .state(step: step, reason: String(describing: error))
    }

    /// A few words for systemd's `STATUS=` when the description would be cut before
    /// it says what is wrong (a full disk names the file and the space left); nil otherwise.
    public var statusSummary: String? {
        if case let .diskFull(_, error) = self { return error.diskFullSummary }
        return nil
    }
}
