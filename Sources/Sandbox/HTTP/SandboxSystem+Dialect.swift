import SyncCore

extension SandboxSystem {
    /// The stand-in that serves a remote of `dialect` (a `rest` remote: the generic API).
    public init(dialect: RemoteDialect) {
        switch dialect {
        case .salesforce: self = .salesforce
        case .hubspot: self = .hubspot
        case .impartner: self = .impartner
        case .partnerstack: self = .partnerstack
        case .rest: self = .generic
        case .pipedrive: self = .pipedrive
        case .zoho: self = .zoho
        case .dataverse: self = .dataverse
        }
    }
}
