import Foundation
import Sandbox
import SyncCore
import SyncStore

/// The scripted part of the demo: what vendor and partner users do in their systems
/// while the daemon runs, each round waiting for the daemon to carry it through
/// (checked on the other system, re-checked after every cycle, never by sleeping).
struct DemoStory {
    let sandbox: SandboxEnvironment
    let program: PartnerProgram
    let clock: DemoClock
    let progress: DemoProgress
    let databasePath: String
    let deadline: Date
    let timeoutSeconds: Int

    /// What the story leaves for the summary to point at.
    struct Result: Sendable {
        /// The opportunity whose amount both sides changed (for `channelsync show`).
        var conflictOpportunity: String
        var conflictAmount: Decimal
        /// The lead deleted in the CRM.
        var deletedLead: String
        /// The opportunity a partner's registration became, approved by the vendor.
        var approvedOpportunity: String
        /// The portal registration the channel-conflict check marked duplicate.
        var duplicateRegistration: String
        /// The CRM lead re-routed after its SLA ran out.
        var reroutedLead: String
    }

    var crm: SandboxStore { sandbox.salesforce.store }
    var portal: SandboxStore { sandbox.impartner.store }

    func run() throws(DemoError) -> Result {
        try step("first sync", expected: "a cycle of each mapping with nothing left to do") {
            progress.waitForQuietCycles(of: ["deals", "leads"], until: deadline)
        }
        try businessAsUsual()
        let approved = try registrationApproved()
        let duplicate = try duplicateRegistration()
        let rerouted = try leadReroutedAfterSLA()
        let conflict = try conflictingEdits()
        let deleted = try deleteLead()
        progress.say("Both systems settle: waiting for a cycle of each mapping that finds nothing to do.")
        try step("settle", expected: "a cycle of each mapping with nothing left to do") {
            progress.waitForQuietCycles(of: ["deals", "leads"], until: deadline)
        }
        return Result(conflictOpportunity: conflict.id, conflictAmount: conflict.amount, deletedLead: deleted,
                      approvedOpportunity: approved, duplicateRegistration: duplicate, reroutedLead: rerouted)
    }

    /// Edits on both systems, on different records: each flows to the other side.
    private func businessAsUsual() throws(DemoError) {
        var deals = linkedDeals()
        guard deals.count >= 3 else { throw .missingRecord("three linked open partner deals") }
        let vendorDeal = deals.removeFirst(), partnerDeal = deals.removeFirst()
        let vendorAmount = amount(crm.record("Opportunity", id: vendorDeal.crm)) + 15_000
        let vendorName = text(crm.record("Opportunity", id: vendorDeal.crm)?.fields["Name"])
        let partnerName = text(portal.record("Deal", id: partnerDeal.prm)?.fields["name"])
        // Six weeks out, a date the deal did not have.
        let newDate = day(inDays: 42)

        progress.say("Salesforce: a sales rep moves \"\(vendorName)\" to Negotiation/Review and raises its amount to \(vendorAmount).")
        progress.say("Portal: a partner moves the close date of \"\(partnerName)\" to \(newDate).")
        let dealsEdited = try between("deals") {
            _ = try? crm.edit("Opportunity", id: vendorDeal.crm, set: ["StageName": .string("Negotiation/Review"),
                                                                         "Amount": .number(vendorAmount)])
            _ = try? portal.edit("Deal", id: partnerDeal.prm, set: ["closeDate": .string(newDate)])
        }
        try step("business as usual", expected: "stage and amount in the portal, the close date in Salesforce") {
            progress.wait(for: "deals", after: dealsEdited, until: deadline) {
                let prmDeal = portal.record("Deal", id: vendorDeal.prm)
                let vendorDone = text(prmDeal?.value(at: "stage.name")) == "Negotiation" && amount(prmDeal) == vendorAmount
                let partnerDone = text(crm.record("Opportunity", id: partnerDeal.crm)?.fields["CloseDate"]) == newDate
                return vendorDone && partnerDone
            }
        }
        progress.say("✓ Stage and amount reached the portal, the close date reached Salesforce.")
    }

    /// The same mapped field changed on both sides between two cycles: the deals
    /// mapping's rule for `amount` (`policy: "crm"`) decides.
    private func conflictingEdits() throws(DemoError) -> (id: String, amount: Decimal) {
        let deals = linkedDeals()
        guard deals.count >= 3 else { throw .missingRecord("a third linked open partner deal") }
        let deal = deals[2]
        let name = text(crm.record("Opportunity", id: deal.crm)?.fields["Name"])
        let vendorAmount = amount(crm.record("Opportunity", id: deal.crm)) + 5_000
        let partnerAmount = vendorAmount + 20_000
        progress.say("Conflict: on \"\(name)\" the sales rep sets the amount to \(vendorAmount) in Salesforce while the partner sets \(partnerAmount) in the portal.")
        let edited = try between("deals") {
            _ = try? crm.edit("Opportunity", id: deal.crm, set: ["Amount": .number(vendorAmount)])
            _ = try? portal.edit("Deal", id: deal.prm, set: ["amount": .number(partnerAmount)])
        }
        try step("conflicting edit", expected: "amount \(vendorAmount) on both sides and a journal row with rule policy.crm") {
            progress.wait(for: "deals", after: edited, until: deadline) {
                amount(portal.record("Deal", id: deal.prm)) == vendorAmount
                    && amount(crm.record("Opportunity", id: deal.crm)) == vendorAmount
                    && journalHasRule("policy.crm", mapping: "deals", record: deal.crm)
            }
        }
        progress.say("✓ The mapping's rule for amount (policy crm: the vendor's number wins) kept \(vendorAmount) on both sides; the journal says why.")
        return (deal.crm, vendorAmount)
    }

    /// A routed lead deleted in the CRM: the leads mapping propagates deletes.
    private func deleteLead() throws(DemoError) -> String {
        guard let lead = portal.records("Lead").lazy.compactMap({ lead -> (crm: String, prm: String)? in
            guard let crmID = text(lead.fields["crmId"]).nonEmpty, crm.record("Lead", id: crmID)?.isDeleted == false else { return nil }
            return (crmID, lead.id)
        }).first else { throw .missingRecord("linked lead") }
        let company = text(crm.record("Lead", id: lead.crm)?.fields["Company"])
        progress.say("Salesforce: a sales rep deletes a duplicate lead at \(company).")
        let edited = try between("leads") {
            _ = try? crm.delete("Lead", id: lead.crm)
        }
        try step("delete", expected: "the lead deleted in the portal too") {
            progress.wait(for: "leads", after: edited, until: deadline) {
                portal.record("Lead", id: lead.prm).map(\.isDeleted) ?? true
            }
        }
        progress.say("✓ The leads mapping propagates deletes: the lead is gone from the portal as well.")
        return lead.crm
    }

    // MARK: Support

    func step(_ name: String, expected: String, _ wait: () -> Bool) throws(DemoError) {
        guard wait() else {
            if progress.isCancelled { throw .interrupted }
            throw .notConverged(step: name, expected: expected, seconds: timeoutSeconds)
        }
    }

    /// Runs `edit` between two cycles of `mapping`; returns the cycle it ran after.
    func between(_ mapping: String, _ edit: @escaping @Sendable () -> Void) throws(DemoError) -> Int {
        guard let cycle = progress.betweenCycles(of: mapping, deadline: deadline, edit) else {
            if progress.isCancelled { throw .interrupted }
            throw .notConverged(step: "edit between two \(mapping) cycles", expected: "a \(mapping) cycle to finish",
                                seconds: timeoutSeconds)
        }
        return cycle
    }

    /// Open partner deals on both systems, linked (the portal deal names its opportunity).
    func linkedDeals() -> [(crm: String, prm: String)] {
        portal.records("Deal").compactMap { deal in
            guard let crmID = text(deal.fields["crmId"]).nonEmpty, let opportunity = crm.record("Opportunity", id: crmID),
                  !opportunity.isDeleted, !text(opportunity.fields["StageName"]).hasPrefix("Closed") else { return nil }
            return (crmID, deal.id)
        }
    }

    func journalHasRule(_ rule: String, mapping: String, record: String) -> Bool {
        guard let state = try? SyncState.openReadOnly(path: databasePath) else { return false }
        defer { try? state.close() }
        let rows = (try? state.journal(JournalQuery(mapping: mapping, record: record, limit: 200))) ?? []
        return rows.contains { $0.rule == rule }
    }

    func amount(_ record: SandboxRecord?) -> Decimal {
        switch record?.fields["Amount"] ?? record?.fields["amount"] {
        case let .number(value): value
        case let .string(text): Decimal(string: text) ?? 0
        default: 0
        }
    }

    func text(_ value: JSONValue?) -> String {
        switch value {
        case let .string(text): text
        case let .number(number): "\(number)"
        default: ""
        }
    }
}

extension String {
    /// nil for "": reads `guard let id = text(…).nonEmpty`.
    var nonEmpty: String? { isEmpty ? nil : self }
}
