import Foundation

extension LeadDistribution {
    static let keys = ["when", "partnerField", "statusField", "statuses", "acceptWithinHours", "leadFields", "rules", "partners"]
    static let criteriaKeys = ["country", "region", "postalPrefix", "productLine"]

    /// Decodes `leadDistribution: {…}` of a leads mapping; `fields` are the mapping's
    /// fields by name. Every problem is reported with its position; nil when any was.
    static func decode(_ node: JSON5Node, at path: ConfigPath, fields: [String: FieldDraft],
                       with decoder: ConfigDecoder) -> LeadDistribution? {
        guard let object = decoder.object(node, at: path, keys: keys) else { return nil }
        let errorsBefore = decoder.errors.count
        let when = object["when"].map { ScopeFilter.decodeList($0, at: object.path("when"), fields: fields, with: decoder) } ?? []
        let partnerField = fieldName(object, "partnerField", default: "partner_account", fields: fields,
                                     types: [.reference, .string], with: decoder)
        let statusField = fieldName(object, "statusField", default: "partner_status", fields: fields, types: [.enum],
                                    with: decoder)
        for (name, key) in [(partnerField, "partnerField"), (statusField, "statusField")] {
            // The assignment is written to both sides.
            guard let name, let draft = fields[name] else { continue }
            for side in Side.allCases where draft.field.path(side) == nil {
                decoder.report(.invalidValue(name, rule: "has no \(side.rawValue) path, but routing writes the assignment to both sides",
                                             hint: "add a '\(side.rawValue)' path to field '\(name)'"),
                               at: object[key]?.position ?? object.node.position, path: object.path(key))
            }
        }
        let statuses = decodeStatuses(object, statusField: statusField.flatMap { fields[$0] }, with: decoder)
        var hours = defaultAcceptWithinHours
        if let value = object["acceptWithinHours"],
           let decoded = decoder.integer(value, at: object.path("acceptWithinHours"), in: 1...8_760) {
            hours = decoded
        }
        let leadFields = decodeLeadFields(object, fields: fields, with: decoder)
        var partners: [PartnerProfile] = []
        var partnerIDs: [String: ConfigPath] = [:]
        if let list = decoder.required(object, "partners").flatMap({ decoder.array($0, at: object.path("partners")) }) {
            if list.isEmpty, let listNode = object["partners"] {
                decoder.report(.emptyList(what: "partners"), node: listNode, path: object.path("partners"))
            }
            for (index, element) in list.enumerated() {
                let elementPath = object.path("partners").appending(index)
                guard let partner = decodePartner(element, at: elementPath, with: decoder) else { continue }
                if let first = partnerIDs[partner.id] {
                    decoder.report(.duplicateName(kind: "partner id", name: partner.id, first: first.description),
                                   node: element, path: elementPath.appending("id"))
                } else {
                    partnerIDs[partner.id] = elementPath
                    partners.append(partner)
                }
            }
        }
        var rules: [DistributionRule] = []
        var ruleNames: [String: ConfigPath] = [:]
        if let list = decoder.required(object, "rules").flatMap({ decoder.array($0, at: object.path("rules")) }) {
            if list.isEmpty, let listNode = object["rules"] {
                decoder.report(.emptyList(what: "rules"), node: listNode, path: object.path("rules"))
            }
            for (index, element) in list.enumerated() {
                let elementPath = object.path("rules").appending(index)
                guard let rule = decodeRule(element, at: elementPath, partners: partnerIDs, with: decoder) else { continue }
                if let first = ruleNames[rule.name] {
                    decoder.report(.duplicateName(kind: "rule name", name: rule.name, first: first.description),
                                   node: element, path: elementPath.appending("name"))
                } else {
                    ruleNames[rule.name] = elementPath
                    rules.append(rule)
                }
                checkLeadFields(rule.match, leadFields: leadFields, node: element, path: elementPath.appending("match"),
                                with: decoder)
            }
        }
        guard decoder.errors.count == errorsBefore, let partnerField, let statusField, let statuses else { return nil }
        return LeadDistribution(when: when, partnerField: partnerField, statusField: statusField, statuses: statuses,
                                acceptWithinHours: hours, leadFields: leadFields, rules: rules, partners: partners)
    }

    /// A canonical field name (defaulted) that must be a field of the mapping of one of `types`.
    private static func fieldName(_ object: ConfigObject, _ key: String, default name: String, fields: [String: FieldDraft],
                                  types: [FieldType], with decoder: ConfigDecoder) -> String? {
        var chosen = name
        if let node = object[key] {
            guard let text = decoder.string(node, at: object.path(key)) else { return nil }
            chosen = text
        }
        let position = object[key]?.position ?? object.node.position
        guard let draft = fields[chosen] else {
            decoder.report(.unknownField(chosen, suggestion: Suggestion.closest(to: chosen, among: fields.keys.sorted()),
                                         usedIn: "leadDistribution.\(key)"), at: position, path: object.path(key))
            return nil
        }
        guard types.contains(draft.field.type) else {
            let wanted = types.map { "'\($0.rawValue)'" }.joined(separator: " or ")
            decoder.report(.invalidValue(chosen, rule: "is of type '\(draft.field.type.rawValue)', not \(wanted)",
                                         hint: "name a field of type \(wanted)"), at: position, path: object.path(key))
            return nil
        }
        return chosen
    }

    private static func decodeStatuses(_ object: ConfigObject, statusField: FieldDraft?,
                                       with decoder: ConfigDecoder) -> AssignmentStatuses? {
        var statuses = AssignmentStatuses()
        var nodes: [String: JSON5Node] = [:]
        if let node = object["statuses"],
           let inner = decoder.object(node, at: object.path("statuses"), keys: ["offered", "accepted", "rejected", "withdrawn"]) {
            for key in inner.keys {
                guard let value = inner[key], let text = decoder.nonEmptyString(value, at: inner.path(key)) else { continue }
                nodes[key] = value
                switch key {
                case "offered": statuses.offered = text
                case "accepted": statuses.accepted = text
                case "rejected": statuses.rejected = text
                default: statuses.withdrawn = text
                }
            }
        }
        guard let field = statusField?.field else { return nil }
        let named = [("offered", statuses.offered), ("accepted", statuses.accepted), ("rejected", statuses.rejected),
                     ("withdrawn", statuses.withdrawn)]
        var valid = true
        for (key, value) in named where !field.values.contains(value) {
            valid = false
            let path = object.path("statuses").appending(key)
            decoder.report(.notCanonical(value, field: field.name, values: field.values,
                                         suggestion: Suggestion.closest(to: value, among: field.values)),
                           at: nodes[key]?.position ?? object["statuses"]?.position ?? object.node.position, path: path)
        }
        let distinct = Set(named.map(\.1))
        if distinct.count < named.count {
            valid = false
            decoder.report(.invalidValue("", rule: "offered, accepted, rejected and withdrawn must be four different values",
                                         hint: "give each its own value of field '\(field.name)'"),
                           at: object["statuses"]?.position ?? object.node.position, path: object.path("statuses"))
        }
        return valid ? statuses : nil
    }

    /// `leadFields: {country, region, postalCode, productLine}`: canonical field names; an
    /// attribute left out uses the field of its default name when the mapping has one.
    private static func decodeLeadFields(_ object: ConfigObject, fields: [String: FieldDraft],
                                         with decoder: ConfigDecoder) -> LeadFieldNames {
        let defaults = ["country": "country", "region": "region", "postalCode": "postal_code", "productLine": "product_line"]
        var names: [String: String] = [:]
        let inner = object["leadFields"].flatMap {
            decoder.object($0, at: object.path("leadFields"), keys: ["country", "region", "postalCode", "productLine"])
        }
        for key in ["country", "region", "postalCode", "productLine"] {
            if let inner, let node = inner[key] {
                guard let text = decoder.string(node, at: inner.path(key)) else { continue }
                if fields[text] == nil {
                    decoder.report(.unknownField(text, suggestion: Suggestion.closest(to: text, among: fields.keys.sorted()),
                                                 usedIn: "leadDistribution.leadFields.\(key)"), node: node, path: inner.path(key))
                } else {
                    names[key] = text
                }
            } else if let name = defaults[key], fields[name] != nil {
                names[key] = name
            }
        }
        return LeadFieldNames(country: names["country"], region: names["region"], postalCode: names["postalCode"],
                              productLine: names["productLine"])
    }

    /// A rule that matches on an attribute no field supplies could never match.
    private static func checkLeadFields(_ match: LeadCriteria, leadFields: LeadFieldNames, node: JSON5Node, path: ConfigPath,
                                        with decoder: ConfigDecoder) {
        let uses = [("country", !match.countries.isEmpty, leadFields.country),
                    ("region", !match.regions.isEmpty, leadFields.region),
                    ("postalPrefix", !match.postalPrefixes.isEmpty, leadFields.postalCode),
                    ("productLine", !match.productLines.isEmpty, leadFields.productLine)]
        for (key, used, field) in uses where used && field == nil {
            decoder.report(.invalidValue(key, rule: "is matched, but no field of the mapping holds the lead's \(key)",
                                         hint: "name the field in leadDistribution.leadFields, or add a field for it"),
                           node: node, path: path.appending(key))
        }
    }

    private static func decodeRule(_ node: JSON5Node, at path: ConfigPath, partners: [String: ConfigPath],
                                   with decoder: ConfigDecoder) -> DistributionRule? {
        guard let object = decoder.object(node, at: path, keys: ["name", "match", "tiers", "certifications", "pool"]) else {
            return nil
        }
        let name = decoder.required(object, "name").flatMap { ruleName($0, at: object.path("name"), with: decoder) }
        var match = LeadCriteria()
        if let matchNode = object["match"] {
            match = criteria(matchNode, at: object.path("match"), keys: criteriaKeys, with: decoder) ?? match
        }
        let tiers = object["tiers"].flatMap { strings($0, at: object.path("tiers"), with: decoder) } ?? []
        let certifications = object["certifications"].flatMap { strings($0, at: object.path("certifications"), with: decoder) } ?? []
        var pool: [String] = []
        if let poolNode = object["pool"], let ids = decoder.array(poolNode, at: object.path("pool")) {
            for (index, idNode) in ids.enumerated() {
                let idPath = object.path("pool").appending(index)
                guard let id = decoder.string(idNode, at: idPath) else { continue }
                if partners[id] == nil {
                    let known = partners.keys.sorted()
                    decoder.report(.invalidValue(id, rule: "is not a partner id of the roster",
                                                 hint: Suggestion.closest(to: id, among: known).map { "did you mean '\($0)'?" }
                                                     ?? "roster ids: \(known.joined(separator: ", "))"),
                                   node: idNode, path: idPath)
                } else {
                    pool.append(id)
                }
            }
        }
        guard let name else { return nil }
        return DistributionRule(name: name, match: match, tiers: tiers, certifications: certifications, pool: pool)
    }

    private static func decodePartner(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> PartnerProfile? {
        let keys = ["id", "crmAccountId", "name", "tier", "certifications", "territory", "productLines", "capacity", "active"]
        guard let object = decoder.object(node, at: path, keys: keys) else { return nil }
        let id = decoder.required(object, "id").flatMap { ruleName($0, at: object.path("id"), with: decoder) }
        let account = decoder.required(object, "crmAccountId").flatMap { decoder.nonEmptyString($0, at: object.path("crmAccountId")) }
        let name = object["name"].flatMap { decoder.nonEmptyString($0, at: object.path("name")) }
        let tier = object["tier"].flatMap { decoder.nonEmptyString($0, at: object.path("tier")) }
        let certifications = object["certifications"].flatMap { strings($0, at: object.path("certifications"), with: decoder) } ?? []
        let territory = object["territory"].flatMap {
            criteria($0, at: object.path("territory"), keys: ["country", "region", "postalPrefix"], with: decoder)
        } ?? LeadCriteria()
        let productLines = object["productLines"].flatMap { strings($0, at: object.path("productLines"), with: decoder) } ?? []
        let capacity = object["capacity"].map { decoder.integer($0, at: object.path("capacity"), in: 0...1_000) } ?? 1
        let active = object["active"].map { decoder.bool($0, at: object.path("active")) } ?? true
        guard let id, let account, let capacity, let active else { return nil }
        return PartnerProfile(id: id, crmAccountId: account, name: name, tier: tier, certifications: certifications,
                              territory: territory, productLines: productLines, capacity: capacity, active: active)
    }

    private static func ruleName(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> String? {
        guard let text = decoder.string(node, at: path) else { return nil }
        guard Names.isName(text) else {
            decoder.report(.invalidValue(text, rule: Names.rule, hint: "e.g. \"dach\", \"us-west\", \"acme\""), node: node, path: path)
            return nil
        }
        return text
    }

    private static func criteria(_ node: JSON5Node, at path: ConfigPath, keys: [String], with decoder: ConfigDecoder) -> LeadCriteria? {
        guard let object = decoder.object(node, at: path, keys: keys) else { return nil }
        func list(_ key: String) -> [String] {
            object[key].flatMap { strings($0, at: object.path(key), with: decoder) } ?? []
        }
        return LeadCriteria(countries: list("country"), regions: list("region"), postalPrefixes: list("postalPrefix"),
                            productLines: list("productLine"))
    }

    /// A non-empty list of non-empty strings.
    private static func strings(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> [String]? {
        guard let nodes = decoder.array(node, at: path) else { return nil }
        if nodes.isEmpty {
            decoder.report(.emptyList(what: path.lastKey ?? "the list"), node: node, path: path)
            return nil
        }
        return nodes.enumerated().compactMap { index, element in decoder.nonEmptyString(element, at: path.appending(index)) }
    }
}
