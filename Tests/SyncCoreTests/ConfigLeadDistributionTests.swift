import Testing
@testable import SyncCore

/// `leadDistribution` in a leads mapping: what a valid block decodes to (defaults
/// included), and each rejection with its key path and position.
@Suite struct ConfigLeadDistributionTests {
    static func mapping(_ distribution: String) -> String {
        """
        {
          name: "leads",
          crm: { remote: "crm", object: "Lead", externalIdField: "PRM_Lead_Id__c" },
          prm: { remote: "prm", object: "Lead", externalIdField: "crmId" },
          fields: [
            { name: "email", type: "email", crm: "Email", prm: "email" },
            { name: "country", type: "string", crm: "Country", prm: "address.countryCode" },
            { name: "postal_code", type: "string", crm: "PostalCode", prm: "address.postalCode" },
            { name: "product_interest", type: "string", crm: "Product__c", prm: "product", direction: "toPRM" },
            { name: "status", type: "enum", values: ["new", "working"], crm: "Status", prm: "status",
              crmTransforms: [{ valueMap: { "Open": "new", "Working": "working" } }],
              prmTransforms: [{ valueMap: { "New": "new", "Accepted": "working" } }] },
            { name: "partner_account", type: "reference", crm: "Partner_Account__c", prm: "partner.crmAccountId", direction: "toPRM" },
            { name: "partner_status", type: "enum", values: ["pending", "accepted", "declined", "withdrawn"],
              crm: "Partner_Status__c", prm: "assignment.state", direction: "toCRM",
              crmTransforms: [{ valueMap: { "Pending": "pending", "Accepted": "accepted", "Declined": "declined", "Withdrawn": "withdrawn" } }],
              prmTransforms: ["lowercase"] },
          ],
          leadDistribution: {
            \(distribution)
          },
        }
        """
    }

    static let roster = """
        partners: [
          { id: "acme", crmAccountId: "001A", tier: "gold", certifications: ["robots"], territory: { country: ["DE", "AT"] }, capacity: 2 },
          { id: "globex", crmAccountId: "001B", productLines: ["Robots"] },
        ],
        """

    static func decode(_ text: String) -> Result<Mapping, ConfigErrors> {
        ConfigLoader.mapping(Array(text.utf8), file: "leads.json5", remotes: ["crm", "prm"])
    }

    @Test func aValidBlockDecodesWithDefaults() throws {
        let source = Self.mapping("""
            when: [{ field: "status", op: "in", values: ["new"] }],
            leadFields: { productLine: "product_interest" },
            rules: [
              { name: "dach", match: { country: ["DE", "AT", "CH"] }, tiers: ["gold"], pool: ["acme"] },
              { name: "zip-80", match: { postalPrefix: ["80"] } },
              { name: "robots", match: { productLine: ["Robots"] }, certifications: ["robots"] },
              { name: "everyone" },
            ],
            \(Self.roster)
            """)
        let distribution = try #require(try Self.decode(source).get().leadDistribution)
        #expect(distribution.when == [ScopeFilter(field: "status", op: .in, values: [.string("new")])])
        #expect(distribution.partnerField == "partner_account" && distribution.statusField == "partner_status")
        #expect(distribution.statuses == AssignmentStatuses())
        #expect(distribution.acceptWithinHours == 48)
        // Default field names where the mapping has them (no region field here), and the one named.
        #expect(distribution.leadFields == LeadFieldNames(country: "country", region: nil, postalCode: "postal_code",
                                                          productLine: "product_interest"))
        #expect(distribution.rules.map(\.name) == ["dach", "zip-80", "robots", "everyone"])
        #expect(distribution.rules[0].match.countries == ["DE", "AT", "CH"] && distribution.rules[0].pool == ["acme"])
        #expect(distribution.partners.count == 2)
        #expect(distribution.partner(id: "acme")?.capacity == 2)
        #expect(distribution.partner(id: "globex")?.capacity == 1 && distribution.partner(id: "globex")?.active == true)
        #expect(distribution.partner(crmAccountId: "001B")?.id == "globex")
    }

    /// (what is broken, the block, expected code, key path, hint fragment)
    @Test(arguments: [
        ("pool names a partner not in the roster", "rules: [{ name: 'dach', pool: ['acmee'] }], \(roster)", "invalidValue",
         "leadDistribution.rules[0].pool[0]", "did you mean 'acme'"),
        ("duplicate rule name", "rules: [{ name: 'a' }, { name: 'a' }], \(roster)", "duplicateName", "leadDistribution.rules[1].name", ""),
        ("duplicate partner id", "rules: [{ name: 'a' }], partners: [{ id: 'x', crmAccountId: '1' }, { id: 'x', crmAccountId: '2' }],",
         "duplicateName", "leadDistribution.partners[1].id", ""),
        ("status value not in the field's enum", "statuses: { rejected: 'declind' }, rules: [{ name: 'a' }], \(roster)", "notCanonical",
         "leadDistribution.statuses.rejected", "did you mean 'declined'"),
        ("unknown partner field", "partnerField: 'partner_acount', rules: [{ name: 'a' }], \(roster)", "unknownField",
         "leadDistribution.partnerField", "did you mean 'partner_account'"),
        ("status field not an enum", "statusField: 'country', rules: [{ name: 'a' }], \(roster)", "invalidValue",
         "leadDistribution.statusField", "'enum'"),
        ("SLA out of range", "acceptWithinHours: 0, rules: [{ name: 'a' }], \(roster)", "invalidValue",
         "leadDistribution.acceptWithinHours", "1 to 8760"),
        ("capacity not a whole number", "rules: [{ name: 'a' }], partners: [{ id: 'x', crmAccountId: '1', capacity: 1.5 }],",
         "invalidValue", "leadDistribution.partners[0].capacity", "whole number"),
        ("misspelt match key", "rules: [{ name: 'a', match: { contry: ['DE'] } }], \(roster)", "unknownKey",
         "leadDistribution.rules[0].match.contry", "did you mean 'country'"),
        ("region matched without a region field", "rules: [{ name: 'a', match: { region: ['CA'] } }], \(roster)", "invalidValue",
         "leadDistribution.rules[0].match.region", "leadFields"),
        ("no rules", "rules: [], \(roster)", "emptyList", "leadDistribution.rules", ""),
        ("no roster", "rules: [{ name: 'a' }],", "missingKey", "leadDistribution.partners", "add 'partners'"),
        ("unknown field in when", "when: [{ field: 'stauts', op: 'present' }], rules: [{ name: 'a' }], \(roster)", "unknownField",
         "leadDistribution.when[0].field", "did you mean 'status'"),
        ("partner without a CRM account", "rules: [{ name: 'a' }], partners: [{ id: 'x' }],", "missingKey",
         "leadDistribution.partners[0].crmAccountId", ""),
    ])
    func rejects(_ what: String, block: String, code: String, path: String, hint: String) {
        let errors: [ConfigError]
        switch Self.decode(Self.mapping(block)) {
        case .success: errors = []
        case let .failure(failure): errors = failure.errors
        }
        #expect(errors.count == 1, "\(what): \(errors.map(\.description))")
        guard let error = errors.first else { return }
        #expect(error.problem.code == code, "\(what): \(error.description)")
        #expect(error.path.description == path, "\(what): \(error.description)")
        #expect(error.position != nil, "\(what): \(error.description)")
        if !hint.isEmpty { #expect(error.description.contains(hint), "\(what): \(error.description)") }
    }
}
