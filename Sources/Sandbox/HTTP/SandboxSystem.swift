/// The systems the sandbox stands in for. The raw value prefixes route names
/// (`salesforce.query`) and admin paths (`/__admin/salesforce/…`).
public enum SandboxSystem: String, CaseIterable, Sendable, Hashable {
    case salesforce
    case hubspot
    case impartner
    case partnerstack
    case generic
    // Added later: new systems go last so `--port N` keeps the ports of the ones above.
    case pipedrive
    case zoho
    case dataverse
}
