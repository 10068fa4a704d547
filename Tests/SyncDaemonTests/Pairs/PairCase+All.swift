import Foundation
import Sandbox
import SyncCore

/// Every CRM dialect with every PRM dialect, each on its shipped example config.
extension PairCase {
    static let all: [PairCase] = [
        salesforceImpartner, hubspotImpartner, salesforcePartnerStack, hubspotPartnerStack, salesforceGeneric, hubspotGeneric,
    ]

    static let salesforceURL = "http://127.0.0.1:8443"
    static let hubspotURL = "http://127.0.0.1:8444"
    static let impartnerURL = "http://127.0.0.1:8445"
    static let partnerStackURL = "http://127.0.0.1:8446"
    static let genericURL = "http://127.0.0.1:8447"

    static let salesforceImpartner = PairCase(
        description: "Salesforce ↔ Impartner", serviceFile: "channelsync.json5",
        urls: [salesforceURL: .salesforce, impartnerURL: .impartner], crm: .salesforce, prm: .impartner,
        deals: Flow(mapping: "deals", crmRecord: Records.opportunity(partner: "Partner_Account__c"), prmRecord: Records.impartnerDeal,
                    crmEdit: ["Name": .string("Renamed in Salesforce"), "StageName": .string("Closed Won")],
                    crmEditArrives: ["name": .string("Renamed in Salesforce"), "stage": .object(["name": .string("Won")])],
                    prmEdit: ["name": .string("Renamed in the portal")], prmEditArrives: ["Name": .string("Renamed in the portal")]),
        leads: Flow(mapping: "leads", crmRecord: Records.salesforceLead, prmRecord: Records.impartnerLead,
                    crmEdit: ["LastName": .string("Renamed")], crmEditArrives: ["lastName": .string("Renamed")],
                    prmEdit: ["status": .string("Qualified")], prmEditArrives: ["Status": .string("Qualified")],
                    readDefaultsWrittenBack: true))

    static let hubspotImpartner = PairCase(
        description: "HubSpot ↔ Impartner", serviceFile: "examples/hubspot-impartner.json5",
        urls: [hubspotURL: .hubspot, impartnerURL: .impartner], crm: .hubspot, prm: .impartner,
        deals: Flow(mapping: "hubspot-deals", crmRecord: Records.hubspotDeal, prmRecord: Records.impartnerDeal,
                    crmEdit: ["dealname": .string("Renamed in HubSpot"), "dealstage": .string("closedwon")],
                    crmEditArrives: ["name": .string("Renamed in HubSpot"), "stage": .object(["name": .string("Won")])],
                    prmEdit: ["name": .string("Renamed in the portal")], prmEditArrives: ["dealname": .string("Renamed in the portal")]),
        leads: Flow(mapping: "hubspot-leads", crmRecord: Records.hubspotContact, prmRecord: Records.impartnerLead,
                    crmEdit: ["lastname": .string("Renamed")], crmEditArrives: ["lastName": .string("Renamed")],
                    prmEdit: ["status": .string("Rejected")], prmEditArrives: ["hs_lead_status": .string("UNQUALIFIED")],
                    readDefaultsWrittenBack: true))

    static let salesforcePartnerStack = PairCase(
        description: "Salesforce ↔ PartnerStack", serviceFile: "examples/salesforce-partnerstack.json5",
        urls: [salesforceURL: .salesforce, partnerStackURL: .partnerstack], crm: .salesforce, prm: .partnerstack,
        deals: Flow(mapping: "partnerstack-deals", crmRecord: Records.opportunity(partner: "Partner_Account__c"),
                    prmRecord: Records.partnerStackDeal,
                    crmEdit: ["Amount": .number(5000), "StageName": .string("Closed Won")],
                    crmEditArrives: ["amount": .number(5000), "stage": .string("won")],
                    prmEdit: ["name": .string("Renamed on PartnerStack")], prmEditArrives: ["Name": .string("Renamed on PartnerStack")]),
        leads: Flow(mapping: "partnerstack-leads", crmRecord: Records.salesforceLead, prmRecord: Records.partnerStackLead,
                    crmEdit: ["LastName": .string("Renamed")], crmEditArrives: ["last_name": .string("Renamed")],
                    prmEdit: ["status": .string("qualified")], prmEditArrives: ["Status": .string("Qualified")]))

    static let hubspotPartnerStack = PairCase(
        description: "HubSpot ↔ PartnerStack", serviceFile: "examples/hubspot-partnerstack.json5",
        urls: [hubspotURL: .hubspot, partnerStackURL: .partnerstack], crm: .hubspot, prm: .partnerstack,
        deals: Flow(mapping: "hubspot-partnerstack-deals", crmRecord: Records.hubspotDeal, prmRecord: Records.partnerStackDeal,
                    crmEdit: ["amount": .string("5000"), "dealstage": .string("closedlost")],
                    crmEditArrives: ["amount": .number(5000), "stage": .string("lost")],
                    prmEdit: ["name": .string("Renamed on PartnerStack")], prmEditArrives: ["dealname": .string("Renamed on PartnerStack")]),
        leads: Flow(mapping: "hubspot-partnerstack-leads", crmRecord: Records.hubspotContact, prmRecord: Records.partnerStackLead,
                    crmEdit: ["company": .string("Renamed Ltd")], crmEditArrives: ["company": .string("Renamed Ltd")],
                    prmEdit: ["status": .string("working")], prmEditArrives: ["hs_lead_status": .string("IN_PROGRESS")]))

    static let salesforceGeneric = PairCase(
        description: "Salesforce ↔ generic REST", serviceFile: "examples/generic-rest.json5",
        urls: [salesforceURL: .salesforce, genericURL: .generic], crm: .salesforce, prm: .generic,
        deals: Flow(mapping: "generic-deals", crmRecord: Records.opportunity(partner: nil), prmRecord: Records.genericDeal,
                    crmEdit: ["StageName": .string("Closed Won")], crmEditArrives: ["status": .string("won")],
                    prmEdit: ["title": .string("Renamed in the portal")], prmEditArrives: ["Name": .string("Renamed in the portal")]),
        leads: Flow(mapping: "generic-leads", crmRecord: Records.salesforceLead, prmRecord: Records.genericContact,
                    crmEdit: ["Company": .string("Renamed Ltd")], crmEditArrives: ["company": .string("Renamed Ltd")],
                    prmEdit: ["status": .string("unqualified")], prmEditArrives: ["Status": .string("Closed - Not Converted")]))

    static let hubspotGeneric = PairCase(
        description: "HubSpot ↔ generic REST", serviceFile: "examples/hubspot-generic.json5",
        urls: [hubspotURL: .hubspot, genericURL: .generic], crm: .hubspot, prm: .generic,
        deals: Flow(mapping: "hubspot-generic-deals", crmRecord: Records.hubspotDeal, prmRecord: Records.genericDeal,
                    crmEdit: ["dealstage": .string("closedwon"), "amount": .string("777.25")],
                    crmEditArrives: ["status": .string("won"), "amount": .number(Decimal(string: "777.25") ?? 0)],
                    prmEdit: ["title": .string("Renamed in the portal")], prmEditArrives: ["dealname": .string("Renamed in the portal")]),
        leads: Flow(mapping: "hubspot-generic-leads", crmRecord: Records.hubspotContact, prmRecord: Records.genericContact,
                    crmEdit: ["firstname": .string("Renamed")], crmEditArrives: ["first_name": .string("Renamed")],
                    prmEdit: ["status": .string("qualified")], prmEditArrives: ["hs_lead_status": .string("OPEN_DEAL")]))
}
