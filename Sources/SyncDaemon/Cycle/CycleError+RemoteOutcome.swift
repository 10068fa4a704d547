import Connectors
import SyncCore

extension CycleError {
    /// How the remotes behaved, for their circuit breakers: a remote that could not be
    /// reached (transport failure, outage, throttling) counts against it; one that
    /// answered is reached.
    func remoteOutcomes(crm: String, prm: String) -> [String: RemoteOutcome] {
        switch self {
        case let .pullFailed(side, remote, error), let .lookupFailed(side, remote, error):
            var outcomes: [String: RemoteOutcome] = [:]
            if side == .prm { outcomes[crm] = .reached }
            outcomes[remote] = error.retryableLater ? .failed(reason: error.description) : .reached
            return outcomes
        case let .partnerLookupFailed(remote, _, error):
            // The CRM is asked after both pulls: the PRM answered.
            return [prm: .reached, remote: error.retryableLater ? .failed(reason: error.description) : .reached]
        default:
            return [:]
        }
    }
}
