import Foundation
import Testing
@testable import SyncCore

/// Mapping files: every rejection rule on its own, and what a valid file decodes to.
@Suite struct ConfigMappingTests {
    static func mapping(field: String = "", matchKeys: String = "matchKeys: [['name']],", extra: String = "",
                        crmRemote: String = "crm") -> String {
        """
        {
          name: "deals",
          crm: { remote: "\(crmRemote)", object: "Opportunity", externalIdField: "PRM_Deal_Id__c" },
          prm: { remote: "prm", object: "Deal", externalIdField: "crmId" },
          fields: [
            { name: "name", type: "string", crm: "Name", prm: "name" },
            { name: "amount", type: "decimal", crm: "Amount", prm: "amount" },
            { name: "stage", type: "enum", values: ["open", "won", "lost"], crm: "StageName", prm: "stage.name",
              crmTransforms: [{ valueMap: { "Open": "open", "Closed Won": "won", "Closed Lost": "lost" } }] },
            { name: "email", type: "email", crm: "Email__c", prm: "contact.email" },
            \(field)
          ],
          \(matchKeys)
          \(extra)
        }
        """
    }

    static func decode(_ text: String) -> Result<Mapping, ConfigErrors> {
        ConfigLoader.mapping(Array(text.utf8), file: "deals.json5", remotes: ["crm", "prm"])
    }

    static func errors(_ text: String) -> [ConfigError] {
        switch decode(text) {
        case .success: []
        case let .failure(errors): errors.errors
        }
    }

    static func field(_ body: String) -> String { mapping(field: "{ \(body) },") }

    @Test func theBaseIsValid() throws {
        let mapping = try Self.decode(Self.mapping()).get()
        #expect(mapping.name == "deals")
        #expect(mapping.crm == SideBinding(remote: "crm", object: "Opportunity", externalIdField: FieldPath("PRM_Deal_Id__c")))
        #expect(mapping.fields.map(\.name) == ["name", "amount", "stage", "email"])
        #expect(mapping.field(named: "stage")?.values == ["open", "won", "lost"])
        #expect(mapping.field(named: "stage")?.prmPath == FieldPath("stage.name"))
        #expect(mapping.matchKeys == [["name"]])
        #expect(mapping.deletePolicy == .flag)
    }

    /// (what is broken, source, expected code, expected key path, expected hint fragment)
    @Test(arguments: [
        ("unknown key in a field", field("name: 'x', type: 'string', crm: 'X', prm: 'x', direciton: 'both'"), "unknownKey",
         "fields[4].direciton", "did you mean 'direction'"),
        ("path of the wrong type", field("name: 'x', type: 'string', crm: 5, prm: 'x'"), "wrongType", "fields[4].crm", ""),
        ("misspelt type", field("name: 'x', type: 'strnig', crm: 'X', prm: 'x'"), "notOneOf", "fields[4].type", "did you mean 'string'"),
        ("preferNonEmpty not a bool", field("name: 'x', type: 'string', crm: 'X', prm: 'x', preferNonEmpty: 'yes'"), "wrongType",
         "fields[4].preferNonEmpty", ""),
        ("unknown field in a match key", mapping(matchKeys: "matchKeys: [['name', 'emial']],"), "unknownField", "matchKeys[0][1]",
         "did you mean 'email'"),
        ("one-sided match key field", mapping(field: "{ name: 'only_crm', type: 'string', crm: 'X' },", matchKeys: "matchKeys: ['only_crm'],"),
         "matchKeyNotOnBothSides", "matchKeys[0]", "prm path"),
        ("match key of the wrong type", mapping(matchKeys: "matchKeys: [42],"), "wrongType", "matchKeys[0]", ""),
        ("unknown field in a scope filter", mapping(extra: "scope: [{ field: 'stagee', op: 'equals', value: 'open' }],"), "unknownField",
         "scope[0].field", "did you mean 'stage'"),
        ("scope value not canonical", mapping(extra: "scope: [{ field: 'stage', op: 'in', values: ['open', 'wonn'] }],"), "notCanonical",
         "scope[0].values[1]", "did you mean 'won'"),
        ("scope value on an op without one", mapping(extra: "scope: [{ field: 'stage', op: 'present', value: 'open' }],"), "invalidValue",
         "scope[0].value", "remove 'value'"),
        ("scope value of the wrong type", mapping(extra: "scope: [{ field: 'amount', op: 'equals', value: 'lots' }],"), "invalidValue",
         "scope[0].value", "1250.50"),
        ("unknown scope op", mapping(extra: "scope: [{ field: 'stage', op: 'notin', values: ['lost'] }],"), "notOneOf", "scope[0].op",
         "did you mean 'notIn'"),
        ("non-invertible two-way map", field("name: 'tier', type: 'enum', values: ['gold', 'silver'], crm: 'Tier__c', prm: 'tier', crmTransforms: [{ valueMap: { 'Gold': 'gold', 'Platinum': 'gold', 'Silver': 'silver' } }]"),
         "nonInvertibleMap", "fields[4].crmTransforms[0].valueMap.Platinum", "write"),
        ("non-invertible map on the written side of a one-way field", field("name: 'tier', type: 'enum', values: ['gold', 'silver'], crm: 'Tier__c', prm: 'tier', direction: 'toCRM', crmTransforms: [{ valueMap: { 'Gold': 'gold', 'Platinum': 'gold', 'Silver': 'silver' } }]"),
         "nonInvertibleMap", "fields[4].crmTransforms[0].valueMap.Platinum", "write"),
        ("canonical value with no native value to write", field("name: 'tier', type: 'enum', values: ['gold', 'silver', 'bronze'], crm: 'Tier__c', prm: 'tier', crmTransforms: [{ valueMap: { 'Gold': 'gold', 'Silver': 'silver' } }]"),
         "unwritableValues", "fields[4].crmTransforms[0]", "bronze"),
        ("manual policy on a one-way field", field("name: 'x', type: 'string', crm: 'X', prm: 'x', direction: 'toPRM', policy: 'manual'"),
         "manualPolicyOnOneWayField", "fields[4].policy", "direction 'both'"),
        ("manual policy on a create-only field", field("name: 'x', type: 'string', crm: 'X', prm: 'x', direction: 'createOnly', policy: 'manual'"),
         "manualPolicyOnOneWayField", "fields[4].policy", ""),
        ("duplicate CRM path", field("name: 'name2', type: 'string', crm: 'Name', prm: 'name2'"), "duplicatePath", "fields[4].crm", ""),
        ("path inside another field's path", field("name: 'stage2', type: 'string', crm: 'Stage2', prm: 'stage'"), "duplicatePath", "fields[4].prm", ""),
        ("field written over the external id", field("name: 'crm_id', type: 'reference', crm: 'Id', prm: 'crmId'"), "duplicatePath", "fields[4].prm", ""),
        ("duplicate field name", field("name: 'amount', type: 'decimal', crm: 'Amount2', prm: 'amount2'"), "duplicateName", "fields[4].name", ""),
        ("field without any path", field("name: 'x', type: 'string'"), "noPath", "fields[4]", "add 'crm'"),
        ("two-way field with one path", field("name: 'x', type: 'string', crm: 'X', direction: 'both'"), "directionNeedsPath",
         "fields[4].direction", "prm"),
        ("toPRM without a PRM path", field("name: 'x', type: 'string', crm: 'X', direction: 'toPRM'"), "directionNeedsPath",
         "fields[4].direction", "'toCRM'"),
        ("enum without values", field("name: 'x', type: 'enum', crm: 'X', prm: 'x'"), "missingKey", "fields[4].values", ""),
        ("values on a string field", field("name: 'x', type: 'string', values: ['a'], crm: 'X', prm: 'x'"), "invalidValue", "fields[4].values", "enum"),
        ("duplicate enum value", field("name: 'x', type: 'enum', values: ['a', 'a'], crm: 'X', prm: 'x'"), "duplicateName", "fields[4].values[1]", ""),
        ("value map on a decimal", field("name: 'x', type: 'decimal', crm: 'X', prm: 'x', crmTransforms: [{ valueMap: { '1': '2' } }]"),
         "transformNotForType", "fields[4].crmTransforms[0].valueMap", ""),
        ("date format on a string", field("name: 'x', type: 'string', crm: 'X', prm: 'x', prmTransforms: [{ dateFormat: 'iso8601' }]"),
         "transformNotForType", "fields[4].prmTransforms[0].dateFormat", ""),
        ("scale on an integer", field("name: 'x', type: 'integer', crm: 'X', prm: 'x', prmTransforms: [{ scale: 2 }]"),
         "transformNotForType", "fields[4].prmTransforms[0].scale", ""),
        ("trim on a decimal", field("name: 'x', type: 'decimal', crm: 'X', prm: 'x', crmTransforms: ['trim']"),
         "transformNotForType", "fields[4].crmTransforms[0]", ""),
        ("misspelt transform word", field("name: 'x', type: 'string', crm: 'X', prm: 'x', crmTransforms: ['trimm']"),
         "notOneOf", "fields[4].crmTransforms[0]", "did you mean 'trim'"),
        ("misspelt transform key", field("name: 'x', type: 'enum', values: ['a'], crm: 'X', prm: 'x', crmTransforms: [{ valuMap: { 'A': 'a' } }]"),
         "unknownKey", "fields[4].crmTransforms[0].valuMap", "did you mean 'valueMap'"),
        ("two forms in one transform", field("name: 'x', type: 'decimal', crm: 'X', prm: 'x', crmTransforms: [{ default: 1, constant: 2 }]"),
         "conflictingTransforms", "fields[4].crmTransforms[0]", ""),
        ("constant with other transforms", field("name: 'x', type: 'string', crm: 'X', prm: 'x', prmTransforms: ['trim', { constant: 'y' }]"),
         "conflictingTransforms", "fields[4].prmTransforms[1]", ""),
        ("two value maps on one side", field("name: 'x', type: 'enum', values: ['a'], crm: 'X', prm: 'x', crmTransforms: [{ valueMap: { 'A': 'a' } }, { valueMap: { 'B': 'a' } }]"),
         "conflictingTransforms", "fields[4].crmTransforms[1]", ""),
        ("value map target not canonical", field("name: 'x', type: 'enum', values: ['open'], crm: 'X', prm: 'x', crmTransforms: [{ valueMap: { 'Open': 'opne' } }]"),
         "notCanonical", "fields[4].crmTransforms[0].valueMap.Open", "did you mean 'open'"),
        ("fallback not canonical", field("name: 'x', type: 'enum', values: ['open', 'other'], crm: 'X', prm: 'x', direction: 'toPRM', crmTransforms: [{ valueMap: { 'Open': 'open' }, fallback: 'otehr' }]"),
         "notCanonical", "fields[4].crmTransforms[0].fallback", "did you mean 'other'"),
        ("write key not canonical", field("name: 'x', type: 'enum', values: ['open'], crm: 'X', prm: 'x', crmTransforms: [{ valueMap: { 'Open': 'open' }, write: { closed: 'Closed' } }]"),
         "notCanonical", "fields[4].crmTransforms[0].write.closed", ""),
        ("default of the wrong form", field("name: 'x', type: 'date', crm: 'X', prm: 'x', prmTransforms: [{ default: '31/12/2024' }]"),
         "invalidValue", "fields[4].prmTransforms[0].default", "2024-12-31"),
        ("NaN default", field("name: 'x', type: 'decimal', crm: 'X', prm: 'x', prmTransforms: [{ default: NaN }]"),
         "nonFiniteNumber", "fields[4].prmTransforms[0].default", "finite"),
        ("unsupported date pattern", field("name: 'x', type: 'date', crm: 'X', prm: 'x', prmTransforms: [{ dateFormat: 'yyyy-QQ-dd' }]"),
         "invalidValue", "fields[4].prmTransforms[0].dateFormat", "pattern"),
        ("misspelt date format", field("name: 'x', type: 'datetime', crm: 'X', prm: 'x', prmTransforms: [{ dateFormat: 'epochMilis' }]"),
         "notOneOf", "fields[4].prmTransforms[0].dateFormat", "did you mean 'epochMillis'"),
        ("scale out of range", field("name: 'x', type: 'decimal', crm: 'X', prm: 'x', prmTransforms: [{ scale: 40 }]"),
         "invalidValue", "fields[4].prmTransforms[0].scale", "0 to 18"),
        ("malformed field path", field("name: 'x', type: 'string', crm: 'a..b', prm: 'x'"), "invalidValue", "fields[4].crm", "dotted"),
        ("field name with a space", field("name: 'close date', type: 'date', crm: 'X', prm: 'x'"), "invalidValue", "fields[4].name", "close_date"),
        ("unknown remote", mapping(crmRemote: "crmm"), "unknownRemote", "crm.remote", "did you mean 'crm'"),
        ("unknown delete policy", mapping(extra: "deletePolicy: 'delete',"), "notOneOf", "deletePolicy", "propagate"),
        ("unknown top-level key", mapping(extra: "matchkeys: [],"), "unknownKey", "matchkeys", "did you mean 'matchKeys'"),
    ])
    func rejects(_ what: String, source: String, code: String, path: String, hint: String) {
        let errors = Self.errors(source)
        #expect(errors.count == 1, "\(what): \(errors.map(\.description))")
        guard let error = errors.first else { return }
        #expect(error.problem.code == code, "\(what): \(error)")
        #expect(error.path.description == path, "\(what): \(error)")
        #expect(error.position != nil, "\(what)")
        if !hint.isEmpty { #expect(error.hint?.contains(hint) == true, "\(what): \(error)") }
    }

    /// Configurations that look close to a rule but are fine.
    @Test(arguments: [
        ("two natives to one canonical on a read-only side",
         field("name: 'tier', type: 'enum', values: ['gold', 'silver'], crm: 'Tier__c', prm: 'tier', direction: 'toPRM', crmTransforms: [{ valueMap: { 'Gold': 'gold', 'Platinum': 'gold', 'Silver': 'silver' } }]")),
        ("an explicit write choice makes a map invertible",
         field("name: 'tier', type: 'enum', values: ['gold', 'silver'], crm: 'Tier__c', prm: 'tier', crmTransforms: [{ valueMap: { 'Gold': 'gold', 'Platinum': 'gold', 'Silver': 'silver' }, write: { gold: 'Gold' } }]")),
        ("external id field read into a one-way field",
         field("name: 'crm_id', type: 'reference', crm: 'Id', prm: 'crmId', direction: 'toPRM'").replacingOccurrences(of: "externalIdField: \"crmId\"", with: "externalIdField: \"crmRef\"")),
        ("constant on the side without a path", field("name: 'source', type: 'string', crm: 'LeadSource', prmTransforms: [{ constant: 'Partner' }], direction: 'createOnly'")),
        ("null counts as absent", field("name: 'x', type: 'string', crm: 'X', prm: 'x', direction: null, policy: null")),
        ("hex and exponent numbers", field("name: 'x', type: 'decimal', crm: 'X', prm: 'x', prmTransforms: [{ scale: 0x2 }, { default: 1e2 }]")),
        ("a match key as a lone name", mapping(matchKeys: "matchKeys: ['email', ['name', 'amount']],")),
        ("every scope operator", mapping(extra: "scope: [{ field: 'stage', op: 'equals', value: 'open' }, { field: 'stage', op: 'notEquals', value: 'lost' }, { field: 'stage', op: 'in', values: ['open', 'won'] }, { field: 'stage', op: 'notIn', values: ['lost'] }, { field: 'email', op: 'present' }, { field: 'amount', op: 'absent' }],")),
    ])
    func accepts(_ what: String, source: String) {
        let errors = Self.errors(source)
        #expect(errors.isEmpty, "\(what): \(errors.map(\.description))")
    }

    @Test func decodesTransformsDirectionsAndScope() throws {
        let source = Self.mapping(field: """
            { name: "tier", type: "enum", values: ["gold", "silver", "other"], crm: "Tier__c", prm: "tier",
              crmTransforms: ["trim", { valueMap: { "Gold": "gold", "Platinum": "gold", "Silver": "silver" }, fallback: "other",
                                        write: { gold: "Gold", other: "Silver" } }],
              prmTransforms: ["lowercase", { default: "other" }], policy: "crm", preferNonEmpty: true },
            { name: "closed_at", type: "datetime", crm: "Closed_At__c", prm: "closedAt", prmTransforms: [{ dateFormat: "epochMillis" }] },
            { name: "due", type: "date", crm: "Due__c", prm: "due", prmTransforms: [{ dateFormat: "dd/MM/yyyy" }] },
            { name: "cents", type: "decimal", crm: "Amount_Cents__c", prm: "amountCents", prmTransforms: [{ scale: 2 }] },
            { name: "crm_only", type: "string", crm: "Only__c" },
            { name: "source", type: "string", crm: "LeadSource", prmTransforms: [{ constant: "Partner" }] },
            """, extra: "scope: [{ field: 'tier', op: 'in', values: ['gold', 'silver'] }, { field: 'amount', op: 'equals', value: 10.50 }], deletePolicy: 'propagate',")
        let mapping = try Self.decode(source).get()
        let tier = try #require(mapping.field(named: "tier"))
        #expect(tier.crmTransforms == [.trim, .valueMapWithWrite(["Gold": "gold", "Platinum": "gold", "Silver": "silver"], fallback: "other",
                                                                   write: ["gold": "Gold", "other": "Silver"])])
        #expect(tier.prmTransforms == [.lowercase, .defaultValue(.string("other"))])
        #expect(tier.policy == .crm)
        #expect(tier.preferNonEmpty)
        #expect(tier.direction == .both)
        #expect(mapping.field(named: "closed_at")?.prmTransforms == [.dateFormat(.epochMillis)])
        #expect(mapping.field(named: "due")?.prmTransforms == [.dateFormat(.pattern("dd/MM/yyyy"))])
        #expect(mapping.field(named: "cents")?.prmTransforms == [.scale(2)])
        #expect(mapping.field(named: "crm_only")?.direction == .toCRM)
        #expect(mapping.field(named: "source")?.direction == .toCRM)
        #expect(mapping.field(named: "source")?.prmTransforms == [.constant(.string("Partner"))])
        #expect(mapping.field(named: "stage")?.crmTransforms == [.valueMap(["Open": "open", "Closed Won": "won", "Closed Lost": "lost"], fallback: nil)])
        #expect(mapping.scope == [ScopeFilter(field: "tier", op: .in, values: [.string("gold"), .string("silver")]),
                                  ScopeFilter(field: "amount", op: .equals, values: [.number(Decimal(string: "10.5")!)])])
        #expect(mapping.deletePolicy == .propagate)
    }

    @Test func nonInvertibleMapPointsAtTheLineOfTheSecondNative() {
        let source = Self.mapping(field: """
            { name: "tier", type: "enum", values: ["gold"], crm: "Tier__c", prm: "tier",
              crmTransforms: [{ valueMap: {
                "Gold": "gold",
                "Platinum": "gold",
              } }] },
            """)
        let errors = Self.errors(source)
        #expect(errors.count == 1)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let platinumLine = (lines.firstIndex { $0.contains("\"Platinum\"") } ?? -1) + 1
        #expect(errors.first?.position == SourcePosition(line: platinumLine, column: 5))
        #expect(errors.first?.message.contains("'Gold', 'Platinum' both read as 'gold'") == true)
    }

    @Test func reportsEveryProblemOfAFileAtOnce() {
        let source = Self.mapping(field: """
            { name: "x", type: "strnig", crm: "X", prm: "x" },
            { name: "y", type: "string", crm: "Name", prm: "y", direction: "toPRM", policy: "manual" },
            { name: "z", type: "enum", values: ["a"], crm: "Z", prm: "z", crmTransforms: [{ valueMap: { "A": "a", "B": "a" } }] },
            """, matchKeys: "matchKeys: [['nmae']],", extra: "scope: [{ field: 'w', op: 'present' }], bogus: 1,")
        let codes = Self.errors(source).map(\.problem.code)
        #expect(Set(codes) == ["notOneOf", "manualPolicyOnOneWayField", "duplicatePath", "nonInvertibleMap", "unknownField", "unknownKey"])
        #expect(codes.count == 7, "\(codes)")
        let lines = Self.errors(source).compactMap(\.position?.line)
        #expect(lines == lines.sorted())
    }

    @Test func mappingWithoutRemotesListSkipsTheRemoteCheck() {
        let result = ConfigLoader.mapping(Array(Self.mapping(crmRemote: "anything").utf8), file: "m.json5", remotes: nil)
        #expect((try? result.get()) != nil)
    }
}
