import Foundation
import Sandbox
import SyncCore

/// The lead-distribution part of the story: a new CRM lead is offered to a partner by
/// territory; the partner lets the 48-hour SLA lapse (the demo clock moves 49 hours
/// ahead) and the lead is offered to the next eligible partner, on both systems.
extension DemoStory {
    /// Returns the re-routed CRM lead.
    func leadReroutedAfterSLA() throws(DemoError) -> String {
        progress.say("Salesforce: a lead from a trade show in Germany arrives, unassigned: Rosalind Franklin at Nakatomi Logistics.")
        let leadID = CreatedID()
        let arrived = try between("leads") {
            leadID.value = try? crm.seed("Lead", fields: [
                "FirstName": .string("Rosalind"), "LastName": .string("Franklin"), "Company": .string("Nakatomi Logistics"),
                "Email": .string("r.franklin@nakatomi-logistics.example"), "Status": .string("Open - Not Contacted"),
                "Country": .string("DE"), "Territory__c": .string("EMEA"), "Product_Interest__c": .string("Analytics"),
                "LeadSource": .string("Trade Show"),
            ]).id
        }
        var first = ""
        try step("lead routed", expected: "the lead offered to a partner in Salesforce and in the portal, journaled lead.routing.territory") {
            progress.wait(for: "leads", after: arrived, until: deadline) {
                guard let id = leadID.value, let partner = text(crm.record("Lead", id: id)?.fields["Partner_Account__c"]).nonEmpty,
                      portalLead(crmID: id).map({ text($0.value(at: "partner.crmAccountId")) }) == partner,
                      journalHasRule("lead.routing.territory", mapping: "leads", record: id) else { return false }
                first = partner
                return true
            }
        }
        guard let lead = leadID.value else { throw .missingRecord("the new lead") }
        let firstName = partnerName(first)
        progress.say("✓ Lead distribution (rule dach: Germany) offered it to \(firstName): Salesforce shows the partner, Pending; "
                     + "the portal has the lead, assigned. The partner has 48 hours to accept.")

        progress.say("\(firstName) does not answer. Fast-forward 49 hours: the demo moves the clock of the daemon and of both systems.")
        let lapsed = try between("leads") { clock.advance(hours: 49) }
        var second = ""
        try step("lead re-routed", expected: "the lead offered to another partner in Salesforce and the portal, journaled lead.routing.sla_expired") {
            progress.wait(for: "leads", after: lapsed, until: deadline) {
                guard let partner = text(crm.record("Lead", id: lead)?.fields["Partner_Account__c"]).nonEmpty, partner != first,
                      portalLead(crmID: lead).map({ text($0.value(at: "partner.crmAccountId")) }) == partner,
                      journalHasRule("lead.routing.sla_expired", mapping: "leads", record: lead) else { return false }
                second = partner
                return true
            }
        }
        progress.say("✓ The SLA ran out: the lead was taken back from \(firstName) and offered to \(partnerName(second)), "
                     + "the next eligible partner of the rule, in Salesforce and in the portal (the same portal lead, reassigned).")
        return lead
    }

    private func portalLead(crmID: String) -> SandboxRecord? {
        portal.records("Lead").first { text($0.fields["crmId"]) == crmID }
    }

    private func partnerName(_ crmAccountID: String) -> String {
        program.partners.first { $0.crmAccountID == crmAccountID }?.name ?? "partner \(crmAccountID)"
    }
}
