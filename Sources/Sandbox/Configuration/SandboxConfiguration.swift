/// Everything the stand-ins are configured with; the defaults are the real limits.
public struct SandboxConfiguration: Sendable, Hashable {
    public var salesforce = SalesforceConfiguration()
    public var hubspot = HubSpotConfiguration()
    public var impartner = ImpartnerConfiguration()
    public var partnerStack = PartnerStackConfiguration()
    public var generic = GenericConfiguration()
    public var pipedrive = PipedriveConfiguration()
    public var zoho = ZohoConfiguration()
    public var dataverse = DataverseConfiguration()

    public init() {}
}
