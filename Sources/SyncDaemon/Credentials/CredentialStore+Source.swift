import Connectors

extension CredentialStore {
    /// The connectors' view of this store: a secret by name, read from its file at most
    /// once a minute (`CredentialCache`: a rotated file is picked up within a minute, at
    /// once when the remote refuses the old secret, and on reload, which builds a new
    /// source). A missing or unreadable credential reads as absent, and the connector
    /// reports it by name (`ConnectorError.missingCredential`).
    public var connectorSource: CredentialSource {
        connectorSource(maxAge: .seconds(60), clock: .system)
    }

    /// `connectorSource` with the cache's age limit and clock given (tests).
    public func connectorSource(maxAge: Duration, clock: MonotonicClock) -> CredentialSource {
        let cache = CredentialCache(maxAge: maxAge, clock: clock) { name in
            do {
                return try read(name).reveal()
            } catch {
                return nil
            }
        }
        return CredentialSource({ cache.secret($0) }, forget: { cache.forget($0) })
    }
}
