import Connectors

extension CredentialStore {
    /// The connectors' view of this store: a secret by name, read when a connector needs
    /// it (so a rotated file is picked up). A missing or unreadable credential reads as
    /// absent, and the connector reports it by name (`ConnectorError.missingCredential`).
    public var connectorSource: CredentialSource {
        CredentialSource { name in
            do {
                return try read(name).reveal()
            } catch {
                return nil
            }
        }
    }
}
