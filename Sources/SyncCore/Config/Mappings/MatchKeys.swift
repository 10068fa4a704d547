/// `matchKeys`: lists of canonical fields that link records already on both sides.
/// A lone name is a one-field key: `["email", ["company_domain", "name"]]`.
enum MatchKeys {
    static func decode(_ node: JSON5Node, at path: ConfigPath, fields: [String: FieldDraft], with decoder: ConfigDecoder) -> [[String]] {
        guard let list = decoder.array(node, at: path) else { return [] }
        var keys: [[String]] = []
        for (index, element) in list.enumerated() {
            let elementPath = path.appending(index)
            let names: [(String, JSON5Node, ConfigPath)]
            switch element.kind {
            case let .string(name):
                names = [(name, element, elementPath)]
            case let .array(parts):
                if parts.isEmpty { decoder.report(.emptyList(what: "a match key"), node: element, path: elementPath) }
                names = parts.enumerated().compactMap { offset, part in
                    decoder.string(part, at: elementPath.appending(offset)).map { ($0, part, elementPath.appending(offset)) }
                }
            default:
                decoder.report(.wrongType(expected: "a field name or a list of field names", found: element.typeDescription),
                               node: element, path: elementPath)
                continue
            }
            var key: [String] = []
            for (name, nameNode, namePath) in names {
                guard let draft = fields[name] else {
                    decoder.report(.unknownField(name, suggestion: Suggestion.closest(to: name, among: fields.keys.sorted()), usedIn: "a match key"),
                                   node: nameNode, path: namePath)
                    continue
                }
                for side in Side.allCases where draft.field.path(side) == nil && !draft.misspeltSides.contains(side) {
                    decoder.report(.matchKeyNotOnBothSides(field: name, side: side), node: nameNode, path: namePath)
                }
                key.append(name)
            }
            if !key.isEmpty, key.count == names.count { keys.append(key) }
        }
        return keys
    }
}
