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
