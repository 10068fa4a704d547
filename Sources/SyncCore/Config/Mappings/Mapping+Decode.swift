extension Mapping {
    static let keys = ["name", "crm", "prm", "fields", "matchKeys", "scope", "deletePolicy", "dealRegistration",
                       "leadDistribution"]

    /// What decoding a mapping file gives: the mapping when the file has no errors,
    /// and its name (with where it is written) for the cross-file uniqueness check.
    struct Decoded {
        var mapping: Mapping?
        var name: String?
        var nameNode: JSON5Node?
    }

    /// Decodes and validates one mapping file. `remotes` are the names declared in
    /// the service config (nil: unknown, the remote check is skipped).
    static func decode(_ root: JSON5Node, remotes: Set<String>?, with decoder: ConfigDecoder) -> Decoded {
        var decoded = Decoded()
        guard let object = decoder.object(root, at: .root, keys: keys) else { return decoded }
        let errorsBefore = decoder.errors.count
        if let node = decoder.required(object, "name"), let text = decoder.string(node, at: object.path("name")) {
            if Names.isName(text) {
                decoded.name = text
                decoded.nameNode = node
            } else {
                decoder.report(.invalidValue(text, rule: Names.rule, hint: "e.g. \"deals\" or \"leads\""), node: node, path: object.path("name"))
            }
        }
        var bindings: [Side: SideBinding] = [:]
        for side in Side.allCases {
            guard let node = decoder.required(object, side.rawValue) else { continue }
            bindings[side] = SideBinding.decode(node, at: object.path(side.rawValue), remotes: remotes, with: decoder)
        }
        var drafts: [FieldDraft] = []
        if let node = decoder.required(object, "fields"), let list = decoder.array(node, at: object.path("fields")) {
            if list.isEmpty { decoder.report(.emptyList(what: "fields"), node: node, path: object.path("fields")) }
            for (index, element) in list.enumerated() {
                if let draft = FieldDraft.decode(element, at: object.path("fields").appending(index), with: decoder) {
                    drafts.append(draft)
                }
            }
        }
        let rules = MappingRules(drafts: drafts, bindings: bindings, decoder: decoder)
        rules.check()
        let fields = rules.uniqueFields
        let matchKeys = object["matchKeys"].map { MatchKeys.decode($0, at: object.path("matchKeys"), fields: fields, with: decoder) } ?? []
        let scope = object["scope"].map { ScopeFilter.decodeList($0, at: object.path("scope"), fields: fields, with: decoder) } ?? []
        var deletePolicy = DeletePolicy.flag
        if let node = object["deletePolicy"], let policy = decoder.choice(node, at: object.path("deletePolicy"), as: DeletePolicy.self) {
            deletePolicy = policy
        }
        let dealRegistration = object["dealRegistration"].flatMap {
            DealRegistration.decode($0, at: object.path("dealRegistration"), fields: fields, with: decoder)
        }
        let leadDistribution = object["leadDistribution"].flatMap {
            LeadDistribution.decode($0, at: object.path("leadDistribution"), fields: fields, with: decoder)
        }
        guard decoder.errors.count == errorsBefore, let name = decoded.name, let crm = bindings[.crm], let prm = bindings[.prm] else {
            return decoded
        }
        decoded.mapping = Mapping(name: name, crm: crm, prm: prm, fields: drafts.map(\.field), matchKeys: matchKeys,
                                  scope: scope, deletePolicy: deletePolicy)
        decoded.mapping?.dealRegistration = dealRegistration
        decoded.mapping?.leadDistribution = leadDistribution
        return decoded
    }
}

extension SideBinding {
    static func decode(_ node: JSON5Node, at path: ConfigPath, remotes: Set<String>?, with decoder: ConfigDecoder) -> SideBinding? {
        guard let object = decoder.object(node, at: path, keys: ["remote", "object", "externalIdField"]) else { return nil }
        var remote: String?
        if let value = decoder.required(object, "remote"), let text = decoder.string(value, at: object.path("remote")) {
            if let remotes, !remotes.contains(text) {
                let known = remotes.sorted()
                decoder.report(.unknownRemote(text, suggestion: Suggestion.closest(to: text, among: known), known: known),
                               node: value, path: object.path("remote"))
            } else {
                remote = text
            }
        }
        let objectName = decoder.required(object, "object").flatMap { decoder.nonEmptyString($0, at: object.path("object")) }
        var externalId: FieldPath?
        if let value = object["externalIdField"], let text = decoder.string(value, at: object.path("externalIdField")) {
            externalId = FieldPath(text)
            if externalId == nil {
                decoder.report(.invalidValue(text, rule: "is not a field path", hint: "e.g. \"Partner_Deal_Id__c\" or \"externalIds.crm\""),
                               node: value, path: object.path("externalIdField"))
            }
        }
        guard let remote, let objectName else { return nil }
        return SideBinding(remote: remote, object: objectName, externalIdField: externalId)
    }
}
