import Sandbox
import SyncCore

/// One remote under test in the fault matrix: the example config that pairs it with
/// another remote, the mapping, both sides' seeds, and what the remote says in its own
/// words for each injected status (the text the journal must carry verbatim).
struct FaultTarget: Sendable, CustomStringConvertible {
    var label: String
    var serviceFile: String
    /// The example's loopback URL of each system.
    var urls: [String: SandboxSystem]
    var mapping: String
    /// The system whose routes get the faults.
    var faulted: SandboxSystem
    var crm: FaultSide
    var prm: FaultSide
    /// The route pattern of the faulted remote's create (a batch write for batch APIs).
    var writeRoute: String
    /// Whether an expired token is refreshed without a failure (OAuth) or fails the
    /// request (a static key: the failure names the refusal).
    var refreshesTokens: Bool
    /// Injected status → a verbatim piece of the remote's error body for it.
    var messages: [Int: String]
    /// Whether a partial batch failure applies (the create route answers per record).
    var perRecordResults = true

    var description: String { label }

    static let salesforceSide = FaultSide(
        system: .salesforce, object: "Opportunity", titleField: "Name", seed: CycleDealsTests.acme,
        late: CycleDealsTests.acme.merging([
            "Name": .string("Late opportunity"), "Customer_Domain__c": .string("late.example"),
            "Customer_Email__c": .string("buyer@late.example"),
        ]) { $1 })
    static let impartnerSide = FaultSide(
        system: .impartner, object: "Deal", titleField: "name", seed: CycleFailureTests.deal("Globex pilot"),
        late: CycleFailureTests.deal("Late registration"))

    static let salesforce = FaultTarget(
        label: "salesforce", serviceFile: "channelsync.json5",
        urls: ["http://127.0.0.1:8443": .salesforce, "http://127.0.0.1:8445": .impartner], mapping: "deals",
        faulted: .salesforce, crm: salesforceSide, prm: impartnerSide, writeRoute: "salesforce.composite.*",
        refreshesTokens: true,
        messages: [403: "TotalRequests Limit exceeded.", 429: "ConcurrentPerOrgLongTxn Limit exceeded.",
                   500: "An unexpected error occurred.", 502: "An unexpected error occurred.",
                   503: "Server temporarily unavailable.", 504: "An unexpected error occurred."])

    static let impartner = FaultTarget(
        label: "impartner", serviceFile: "channelsync.json5",
        urls: ["http://127.0.0.1:8443": .salesforce, "http://127.0.0.1:8445": .impartner], mapping: "deals",
        faulted: .impartner, crm: salesforceSide, prm: impartnerSide, writeRoute: "impartner.create",
        refreshesTokens: false,
        messages: [401: "Unauthorized", 429: "Too many requests; slow down.", 500: "An error has occurred.",
                   502: "An error has occurred.", 503: "An error has occurred.", 504: "An error has occurred."],
        perRecordResults: false)

    static let hubspot = FaultTarget(
        label: "hubspot", serviceFile: "examples/hubspot-impartner.json5",
        urls: ["http://127.0.0.1:8444": .hubspot, "http://127.0.0.1:8445": .impartner], mapping: "hubspot-deals",
        faulted: .hubspot,
        crm: FaultSide(system: .hubspot, object: "deals", titleField: "dealname", seed: hubspotDeal("Acme expansion", domain: "acme.example"),
                       late: hubspotDeal("Late hubspot deal", domain: "late.example")),
        prm: FaultSide(system: .impartner, object: "Deal", titleField: "name", seed: portalDeal("Globex pilot", domain: "globex.example"),
                       late: portalDeal("Late registration", domain: "late-portal.example")),
        writeRoute: "hubspot.batch.*", refreshesTokens: false,
        messages: [401: "Authentication credentials not found", 429: "You have reached your", 500: "internal error",
                   502: "internal error", 503: "internal error", 504: "internal error"])

    static let partnerstack = FaultTarget(
        label: "partnerstack", serviceFile: "examples/salesforce-partnerstack.json5",
        urls: ["http://127.0.0.1:8443": .salesforce, "http://127.0.0.1:8446": .partnerstack], mapping: "partnerstack-deals",
        faulted: .partnerstack,
        crm: FaultSide(system: .salesforce, object: "Opportunity", titleField: "Name",
                       seed: salesforceOpportunity("Umbrella renewal", email: "buy@umbrella.example"),
                       late: salesforceOpportunity("Late renewal", email: "buy@late.example")),
        prm: FaultSide(system: .partnerstack, object: "deals", titleField: "name",
                       seed: partnerStackDeal("Initech rollout", email: "it@initech.example"),
                       late: partnerStackDeal("Late rollout", email: "it@late.example")),
        writeRoute: "partnerstack.create", refreshesTokens: false,
        messages: [401: "Unauthorized", 429: "Rate limit exceeded", 500: "Internal server error",
                   502: "Internal server error", 503: "Internal server error", 504: "Internal server error"],
        perRecordResults: false)

    static let pipedriveSide = FaultSide(
        system: .pipedrive, object: "deals", titleField: "title", seed: CRMSide.pipedrive.created,
        late: pipedriveDeal("Late pipedrive deal", reference: "REF-L"))

    static let generic = FaultTarget(
        label: "generic", serviceFile: CRMSide.pipedrive.serviceFile, urls: CRMSide.pipedrive.urls,
        mapping: CRMSide.pipedrive.mapping(.generic), faulted: .generic, crm: pipedriveSide,
        prm: FaultSide(system: .generic, object: "deals", titleField: "title", seed: PortalSide.generic.registered,
                       late: ["title": .string("Late generic deal"), "reference": .string("REF-GL"),
                              "amount": .number(10), "status": .string("open")]),
        writeRoute: "generic.create", refreshesTokens: false,
        messages: [403: "Invalid token.", 429: "Request was throttled.", 500: "A server error occurred.",
                   502: "A server error occurred.", 503: "A server error occurred.", 504: "A server error occurred."],
        perRecordResults: false)

    static let pipedrive = FaultTarget(
        label: "pipedrive", serviceFile: CRMSide.pipedrive.serviceFile, urls: CRMSide.pipedrive.urls,
        mapping: CRMSide.pipedrive.mapping(.impartner), faulted: .pipedrive, crm: pipedriveSide,
        prm: FaultSide(system: .impartner, object: "Deal", titleField: "name", seed: PortalSide.impartner.registered,
                       late: portalDeal("Late registration", domain: "late-portal.example")),
        writeRoute: "pipedrive.create", refreshesTokens: false,
        messages: [401: "unauthorized access", 429: "Request over limit", 500: "Internal server error",
                   502: "Internal server error", 503: "Internal server error", 504: "Internal server error"],
        perRecordResults: false)

    static let zoho = FaultTarget(
        label: "zoho", serviceFile: CRMSide.zoho.serviceFile, urls: CRMSide.zoho.urls,
        mapping: CRMSide.zoho.mapping(.partnerStack), faulted: .zoho,
        crm: FaultSide(system: .zoho, object: "Deals", titleField: "Deal_Name", seed: CRMSide.zoho.created,
                       late: CRMSide.zoho.created.merging(["Deal_Name": .string("Late zoho deal"),
                                                           "Customer_Email": .string("buy@late.example"),
                                                           "Deal_Reference": .string("REF-L")]) { $1 }),
        prm: FaultSide(system: .partnerstack, object: "deals", titleField: "name", seed: PortalSide.partnerStack.registered,
                       late: partnerStackDeal("Late rollout", email: "it@late.example")),
        writeRoute: "zoho.upsert", refreshesTokens: true,
        messages: [401: "invalid oauth token", 429: "The number of requests exceeded the limit", 500: "Internal Server Error",
                   502: "Internal Server Error", 503: "Internal Server Error", 504: "Internal Server Error"])

    static let all: [FaultTarget] = [.salesforce, .hubspot, .impartner, .partnerstack, .generic, .pipedrive, .zoho]

    // MARK: Seeds

    static func hubspotDeal(_ name: String, domain: String) -> [String: JSONValue] {
        ["dealname": .string(name), "amount": .string("12500.50"), "dealstage": .string("qualifiedtobuy"),
         "closedate": .string("2024-06-30T00:00:00.000Z"), "customer_domain": .string(domain),
         "partner_id": .string("P-1"), "deal_registration_status": .string("Approved"), "pipeline": .string("default")]
    }

    static func portalDeal(_ name: String, domain: String) -> [String: JSONValue] {
        ["name": .string(name), "amount": .number(9000), "closeDate": .string("2024-07-31T00:00:00Z"),
         "stage": .object(["name": .string("Negotiation")]), "company": .object(["domain": .string(domain)]),
         "partner": .object(["crmAccountId": .string("P-2")]), "registrationStatus": .string("submitted")]
    }

    static func salesforceOpportunity(_ name: String, email: String) -> [String: JSONValue] {
        ["Name": .string(name), "StageName": .string("Needs Analysis"), "CloseDate": .string("2024-10-31"),
         "Amount": .number(8000), "Partner_Account__c": .string("part_9"), "Customer_Email__c": .string(email)]
    }

    static func partnerStackDeal(_ name: String, email: String) -> [String: JSONValue] {
        ["name": .string(name), "amount": .number(4200), "close_date": .string("2024-09-30"),
         "stage": .string("open"), "partner_key": .string("part_7"), "customer_email": .string(email)]
    }

    static func pipedriveDeal(_ name: String, reference: String) -> [String: JSONValue] {
        var fields = CRMSide.pipedrive.created
        fields["title"] = .string(name)
        if case var .object(custom)? = fields["custom_fields"] {
            custom["deal_reference"] = .string(reference)
            custom["customer_domain"] = .string("late.example")
            custom["customer_email"] = .string("buy@late.example")
            fields["custom_fields"] = .object(custom)
        }
        return fields
    }
}
