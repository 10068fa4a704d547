import Foundation
import Sandbox
import SyncCore

/// A mapping the benchmarks configure, and the records they seed for it. Values are a
/// function of the record's index, so both sides of a linked pair agree and a changed
/// record is told apart by its index alone.
enum BenchMapping: String, Sendable {
    /// Salesforce Opportunity ↔ Impartner Deal.
    case deals
    /// Salesforce Lead ↔ Impartner Lead.
    case leads
    /// Salesforce Opportunity ↔ a generic REST `deals` collection (no timestamps).
    case restDeals = "rest-deals"

    var crmObject: String { self == .leads ? "Lead" : "Opportunity" }
    var crmExternalIdField: String { self == .leads ? "PRM_Lead_Id__c" : "PRM_Deal_Id__c" }

    var prmSystem: SandboxSystem { self == .restDeals ? .generic : .impartner }
    var prmRemote: String { self == .restDeals ? "partner-api" : "partner-portal" }
    var prmObject: String {
        switch self {
        case .deals: "Deal"
        case .leads: "Lead"
        case .restDeals: "deals"
        }
    }
    var prmExternalIdField: String { self == .restDeals ? "reference" : "crmId" }

    /// The PRM id a seeded linked record gets (explicit, so the CRM record can carry it).
    func prmID(_ index: Int) -> String { String(10_000_000 + index) }

    static let stages = ["Prospecting", "Qualification", "Proposal", "Negotiation"]

    /// The CRM record number `index`; `edited` gives the CRM's own later edit.
    func crmFields(_ index: Int, prmID: String?, edited: Bool = false) -> [String: JSONValue] {
        var fields: [String: JSONValue]
        switch self {
        case .deals, .restDeals:
            fields = ["Name": .string("Deal \(index)"), "StageName": .string(Self.stages[index % 4]),
                      "CloseDate": .string(Self.date(index)), "Amount": .number(Self.amount(index, edit: edited ? 7 : 0))]
        case .leads:
            fields = ["FirstName": .string("Ada"), "LastName": .string(edited ? "Lead \(index) (edited)" : "Lead \(index)"),
                      "Company": .string("Company \(index % 1000)"), "Email": .string("lead\(index)@example.com")]
        }
        if let prmID { fields[crmExternalIdField] = .string(prmID) }
        return fields
    }

    /// The PRM record number `index`; `edited` gives the PRM's own later edit (on deals
    /// the same field the CRM edits, with another value: where both edit, a conflict).
    func prmFields(_ index: Int, crmID: String?, edited: Bool = false) -> [String: JSONValue] {
        var fields: [String: JSONValue]
        switch self {
        case .deals:
            fields = ["name": .string("Deal \(index)"), "stage": .string(Self.stages[index % 4]),
                      "closeDate": .string(Self.date(index)), "amount": .number(Self.amount(index, edit: edited ? 13 : 0))]
        case .restDeals:
            fields = ["title": .string("Deal \(index)"), "stage": .string(Self.stages[index % 4]),
                      "closeDate": .string(Self.date(index)), "value": .number(Self.amount(index, edit: edited ? 13 : 0))]
        case .leads:
            fields = ["firstName": .string("Ada"), "lastName": .string(edited ? "Lead \(index) (partner)" : "Lead \(index)"),
                      "company": .string("Company \(index % 1000)"), "email": .string("lead\(index)@example.com")]
        }
        if let crmID { fields[prmExternalIdField] = .string(crmID) }
        return fields
    }

    /// The fields a PRM edit changes (the generic API replaces whole records on PUT, so its
    /// edit is a whole record; the store's edit merges).
    func prmEdit(_ index: Int) -> [String: JSONValue] {
        switch self {
        case .deals: ["amount": .number(Self.amount(index, edit: 13))]
        case .restDeals: ["value": .number(Self.amount(index, edit: 13))]
        case .leads: ["lastName": .string("Lead \(index) (partner)")]
        }
    }

    func crmEdit(_ index: Int) -> [String: JSONValue] {
        switch self {
        case .deals, .restDeals: ["Amount": .number(Self.amount(index, edit: 7))]
        case .leads: ["LastName": .string("Lead \(index) (edited)")]
        }
    }

    private static func amount(_ index: Int, edit: Int) -> Decimal {
        Decimal(1_000 + index % 50_000 + edit)
    }

    private static func date(_ index: Int) -> String {
        let month = index % 12 + 1, day = index % 28 + 1
        return "2025-" + (month < 10 ? "0" : "") + String(month) + "-" + (day < 10 ? "0" : "") + String(day)
    }

    /// The mapping file (JSON5).
    var configText: String {
        let fields: String
        switch self {
        case .deals:
            fields = """
                { name: "name", type: "string", crm: "Name", prm: "name" },
                { name: "amount", type: "decimal", crm: "Amount", prm: "amount", policy: "crm" },
                { name: "close_date", type: "date", crm: "CloseDate", prm: "closeDate" },
                { name: "stage", type: "string", crm: "StageName", prm: "stage" },
            """
        case .restDeals:
            fields = """
                { name: "name", type: "string", crm: "Name", prm: "title" },
                { name: "amount", type: "decimal", crm: "Amount", prm: "value", policy: "crm" },
                { name: "close_date", type: "date", crm: "CloseDate", prm: "closeDate" },
                { name: "stage", type: "string", crm: "StageName", prm: "stage" },
            """
        case .leads:
            fields = """
                { name: "first_name", type: "string", crm: "FirstName", prm: "firstName" },
                { name: "last_name", type: "string", crm: "LastName", prm: "lastName", policy: "crm" },
                { name: "company", type: "string", crm: "Company", prm: "company" },
                { name: "email", type: "string", crm: "Email", prm: "email" },
            """
        }
        return """
        // Generated by channelsync bench.
        {
          name: "\(rawValue)",
          crm: { remote: "salesforce", object: "\(crmObject)", externalIdField: "\(crmExternalIdField)" },
          prm: { remote: "\(prmRemote)", object: "\(prmObject)", externalIdField: "\(prmExternalIdField)" },
          fields: [
        \(fields)
          ],
        }

        """
    }
}
