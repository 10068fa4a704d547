import Foundation
import Sandbox
import SyncCore

/// What users of both systems do while the soak runs, drawn from a seeded generator so
/// a failing run can be replayed: edits of mapped fields on both sides (the same field
/// on both sides now and then: a conflict the mapping's policy decides), new partner
/// deal registrations in the portal, new opportunities and routed leads in the CRM, and
/// deleted CRM leads (the leads mapping propagates deletes). Values are always valid,
/// so every change can converge; the soak is about crashes, not bad data.
struct SoakEdits {
    private var random: SplitMix
    private let crm: SandboxStore
    private let portal: SandboxStore
    private var serial = 0
    /// Edits made, by kind (`crm.Opportunity.update`, …); failed attempts are not counted.
    private(set) var counts: [String: Int] = [:]

    init(seed: UInt64, sandbox: SandboxEnvironment) {
        random = SplitMix(seed: seed)
        crm = sandbox.salesforce.store
        portal = sandbox.impartner.store
    }

    var total: Int { counts.values.reduce(0, +) }

    /// Makes one random edit.
    mutating func perform() {
        let roll = below(100)
        let kind: String?
        switch roll {
        case 0..<25: kind = editOpportunity()
        case 25..<45: kind = editPortalDeal()
        case 45..<60: kind = editLead(in: crm, object: "Lead", fields: ["Phone", "Title", "LastName"], side: "crm")
        case 60..<72: kind = editLead(in: portal, object: "Lead", fields: ["phone", "jobTitle", "lastName"], side: "prm")
        case 72..<80: kind = registerDeal()
        case 80..<86: kind = createOpportunity()
        case 86..<94: kind = createLead()
        default: kind = deleteLead()
        }
        if let kind { counts[kind, default: 0] += 1 }
    }

    /// A random number in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        Int(random.next() % UInt64(max(1, bound)))
    }

    /// A random fraction in 0..<1.
    mutating func fraction() -> Double {
        Double(random.next() >> 11) / Double(1 << 53)
    }

    // MARK: - Kinds of edit

    private mutating func editOpportunity() -> String? {
        guard let deal = pick(crm.records("Opportunity").filter { !text($0.fields["Partner_Account__c"]).isEmpty }) else { return nil }
        let change: [String: JSONValue] = switch below(3) {
        case 0: ["Amount": .number(amount())]
        case 1: ["CloseDate": .string(date())]
        default: ["Name": .string("\(text(deal.fields["Name"]).split(separator: "#").first.map(String.init) ?? "Deal")#\(nextSerial())")]
        }
        return (try? crm.edit("Opportunity", id: deal.id, set: change)).map { _ in "crm.Opportunity.update" }
    }

    private mutating func editPortalDeal() -> String? {
        guard let deal = pick(portal.records("Deal")) else { return nil }
        let change: [String: JSONValue] = switch below(3) {
        case 0: ["amount": .number(amount())]
        case 1: ["closeDate": .string(date())]
        default: ["name": .string("\(text(deal.fields["name"]).split(separator: "#").first.map(String.init) ?? "Deal")#\(nextSerial())")]
        }
        return (try? portal.edit("Deal", id: deal.id, set: change)).map { _ in "prm.Deal.update" }
    }

    private mutating func editLead(in store: SandboxStore, object: String, fields: [String], side: String) -> String? {
        guard let lead = pick(store.records(object)), let field = pick(fields) else { return nil }
        let value: JSONValue = field.lowercased().hasSuffix("phone") ? .string("+1 555 \(1000 + below(9000))")
            : field.lowercased().contains("title") ? .string(pick(["CTO", "VP Sales", "Buyer", "IT Manager", "CFO"]) ?? "CTO")
            : .string("Soak\(nextSerial())")
        return (try? store.edit(object, id: lead.id, set: [field: value])).map { _ in "\(side).\(object).update" }
    }

    /// A partner registers a deal for a customer nobody has yet.
    private mutating func registerDeal() -> String? {
        guard let partner = pick(portal.records("Account")), !text(partner.fields["crmId"]).isEmpty else { return nil }
        let number = nextSerial()
        let fields: [String: JSONValue] = [
            "name": .string("Soak registration \(number)"), "amount": .number(amount()), "closeDate": .string(date()),
            "stage": .object(["name": .string("Qualified")]),
            "company": .object(["name": .string("Soak Customer \(number)"), "domain": .string("soak-customer-\(number).example")]),
            "partner": .object(["id": .string(partner.id), "name": partner.fields["name"] ?? .string(""),
                                "crmAccountId": partner.fields["crmId"] ?? .string("")]),
            "registrationStatus": .string("submitted"),
        ]
        return (try? portal.seed("Deal", fields: fields)).map { _ in "prm.Deal.create" }
    }

    /// A sales rep opens a partner deal in the CRM (a copy of an existing one's shape).
    private mutating func createOpportunity() -> String? {
        guard let model = pick(crm.records("Opportunity").filter { !text($0.fields["Partner_Account__c"]).isEmpty }) else { return nil }
        var fields = model.fields
        fields["PRM_Deal_Id__c"] = nil
        fields["Name"] = .string("Soak opportunity \(nextSerial())")
        fields["Amount"] = .number(amount())
        fields["CloseDate"] = .string(date())
        return (try? crm.seed("Opportunity", fields: fields)).map { _ in "crm.Opportunity.create" }
    }

    /// A lead already routed to a partner arrives in the CRM.
    private mutating func createLead() -> String? {
        guard let partner = pick(portal.records("Account")), !text(partner.fields["crmId"]).isEmpty else { return nil }
        let number = nextSerial()
        let fields: [String: JSONValue] = [
            "FirstName": .string("Soak"), "LastName": .string("Lead \(number)"), "Company": .string("Soak Prospect \(number)"),
            "Email": .string("lead-\(number)@soak-prospect-\(number).example"), "Status": .string("Open - Not Contacted"),
            "Country": .string(pick(["GB", "DE", "US", "FR"]) ?? "GB"), "Territory__c": .string("EMEA"),
            "Product_Interest__c": .string("Analytics"), "Partner_Account__c": partner.fields["crmId"] ?? .string(""),
            "LeadSource": .string("Web"),
        ]
        return (try? crm.seed("Lead", fields: fields)).map { _ in "crm.Lead.create" }
    }

    private mutating func deleteLead() -> String? {
        guard let lead = pick(crm.records("Lead")) else { return nil }
        return (try? crm.delete("Lead", id: lead.id)).map { _ in "crm.Lead.delete" }
    }

    // MARK: - Values

    private mutating func pick<Element>(_ elements: [Element]) -> Element? {
        elements.isEmpty ? nil : elements[below(elements.count)]
    }

    private mutating func amount() -> Decimal { Decimal(1_000 * (1 + below(250))) }

    private mutating func date() -> String {
        String(format: "%04d-%02d-%02d", 2025 + below(3), 1 + below(12), 1 + below(28))
    }

    private mutating func nextSerial() -> Int {
        serial += 1
        return serial
    }

    private func text(_ value: JSONValue?) -> String {
        if case let .string(text) = value { return text }
        return ""
    }
}
