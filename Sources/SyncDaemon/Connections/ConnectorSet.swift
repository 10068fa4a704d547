import Connectors
import SyncCore
import SyncHTTP

/// One connector per remote, built the way the daemon runs them: one HTTP client per
/// remote (so its request budget is shared by every mapping that uses it), secrets read
/// by name when needed, tokens kept where the caller says.
public final class ConnectorSet: Sendable {
    private let connectors: [String: any Connector]

    /// Builds the connectors of `remotes` (every remote when `only` is nil).
    public init(remotes: [Remote], only: Set<String>? = nil, credentials: CredentialSource,
                tokens: (Remote) -> TokenStore = { _ in .none }, environment: HTTPEnvironment = .live,
                clock: ConnectorClock = .system, log: HTTPLog = .discard) throws(CycleError) {
        var connectors: [String: any Connector] = [:]
        for remote in remotes where only?.contains(remote.name) ?? true {
            let client: HTTPClient
            do {
                client = try HTTPClient(remote: remote.httpSettings, environment: environment, log: log)
            } catch {
                throw .connectorUnavailable(remote: remote.name, reason: error.description)
            }
            connectors[remote.name] = try remote.connector(client: client, credentials: credentials,
                                                           tokenStore: tokens(remote), clock: clock)
        }
        self.connectors = connectors
    }

    /// Connectors made elsewhere (tests), by remote name.
    public init(_ connectors: [String: any Connector]) {
        self.connectors = connectors
    }

    public func connector(_ remote: String) -> (any Connector)? { connectors[remote] }

    /// The two connectors of a mapping.
    public func connectors(for mapping: Mapping) throws(CycleError) -> (crm: any Connector, prm: any Connector) {
        guard let crm = connectors[mapping.crm.remote] else {
            throw .remoteMissing(mapping: mapping.name, remote: mapping.crm.remote)
        }
        guard let prm = connectors[mapping.prm.remote] else {
            throw .remoteMissing(mapping: mapping.name, remote: mapping.prm.remote)
        }
        return (crm, prm)
    }
}
