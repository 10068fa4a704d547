import SyncCore

/// One call for `channelsync config check`: every problem with a remote's `options` for its
/// dialect, each naming its key path (`options.paging.style: …`). Pure, no I/O; empty when
/// the connector would accept them.
public enum DialectOptions {
    public static func validate(_ remote: Remote) -> [String] {
        switch remote.dialect {
        case .rest: GenericRESTOptions.validate(remote.options)
        case .impartner: ImpartnerOptions.validate(remote.options)
        case .partnerstack: PartnerStackOptions.validate(remote.options)
        case .pipedrive: PipedriveOptions.validate(remote.options)
        case .zoho: ZohoOptions.validate(remote.options)
        case .dataverse: DataverseOptions.validate(remote.options)
        // Their connectors take typed configurations, not `options`.
        case .salesforce, .hubspot: []
        }
    }
}

extension DialectOptions {
    /// `Connector.canLookUp` of the connector `remote` would get, without building it (no
    /// credentials, no client): what `config check` needs to tell whether a lost create can
    /// be found again. Keep in step with the dialects that override `canLookUp`.
    public static func canLookUp(_ remote: Remote, object: String, field: String) -> Bool {
        switch remote.dialect {
        case .rest:
            guard case let .success(options) = GenericRESTOptions.parse(remote.options) else { return false }
            return options.canLookUp(object: object, field: field)
        case .salesforce, .hubspot, .impartner, .partnerstack, .pipedrive, .zoho, .dataverse:
            return false
        }
    }
}
