import Testing
@testable import SyncCore

/// Where a create whose answer was lost is looked up again (`Mapping.matchKeyLookupPath`,
/// `createsCanBeSettled`): the rule the cycle's recovery and `config check` share.
@Suite struct MappingCreateLookupTests {
    /// The test mapping with the PRM side's external-id field removed.
    static func mapping(matchKeys: String) throws -> Mapping {
        let text = ConfigMappingTests.mapping(matchKeys: matchKeys)
            .replacingOccurrences(of: #"prm: { remote: "prm", object: "Deal", externalIdField: "crmId" }"#,
                                  with: #"prm: { remote: "prm", object: "Deal" }"#)
        return try ConfigMappingTests.decode(text).get()
    }

    @Test func aSideWithAnExternalIdFieldIsLookedUpByItNotByAMatchKey() throws {
        let mapping = try ConfigMappingTests.decode(ConfigMappingTests.mapping(matchKeys: "matchKeys: [['email']],")).get()
        #expect(mapping.matchKeyLookupPath(.crm) { _, _ in true } == nil)
        #expect(mapping.createsCanBeSettled(.crm) { _, _ in false })
    }

    @Test func withoutOneTheFirstOneFieldKeyTheRemoteCanFilterByIsUsed() throws {
        let mapping = try Self.mapping(matchKeys: "matchKeys: [['name', 'amount'], ['name'], ['email']],")
        var asked: [String] = []
        let path = mapping.matchKeyLookupPath(.prm) { object, field in
            asked.append("\(object).\(field)")
            return field == "contact.email"
        }
        #expect(path?.description == "contact.email")
        #expect(asked == ["Deal.name", "Deal.contact.email"], "two-field keys are skipped; keys are tried in order")
        #expect(mapping.createsCanBeSettled(.prm) { _, field in field == "contact.email" })
    }

    @Test func noExternalIdFieldAndNoKeyTheRemoteCanFilterByCannotBeSettled() throws {
        let mapping = try Self.mapping(matchKeys: "matchKeys: [['name', 'email']],")
        #expect(mapping.matchKeyLookupPath(.prm) { _, _ in true } == nil, "only one-field keys can be looked up")
        #expect(!mapping.createsCanBeSettled(.prm) { _, _ in true })
        let single = try Self.mapping(matchKeys: "matchKeys: [['email']],")
        #expect(!single.createsCanBeSettled(.prm) { _, _ in false }, "the remote cannot filter by it")
    }
}
