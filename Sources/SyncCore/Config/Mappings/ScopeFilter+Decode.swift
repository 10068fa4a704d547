extension ScopeFilter {
    /// `scope: [{ field: "stage", op: "notIn", values: ["lost"] }, …]`.
    static func decodeList(_ node: JSON5Node, at path: ConfigPath, fields: [String: FieldDraft], with decoder: ConfigDecoder) -> [ScopeFilter] {
        decoder.list(node, at: path) { element, elementPath in
            decode(element, at: elementPath, fields: fields, with: decoder)
        } ?? []
    }

    static func decode(_ node: JSON5Node, at path: ConfigPath, fields: [String: FieldDraft], with decoder: ConfigDecoder) -> ScopeFilter? {
        guard let object = decoder.object(node, at: path, keys: ["field", "op", "value", "values"]) else { return nil }
        var draft: FieldDraft?
        var name: String?
        if let value = decoder.required(object, "field"), let text = decoder.string(value, at: object.path("field")) {
            name = text
            draft = fields[text]
            if draft == nil {
                decoder.report(.unknownField(text, suggestion: Suggestion.closest(to: text, among: fields.keys.sorted()), usedIn: "a scope filter"),
                               node: value, path: object.path("field"))
            }
        }
        guard let opNode = decoder.required(object, "op"), let op = decoder.choice(opNode, at: object.path("op"), as: Operator.self) else {
            return nil
        }
        var values: [Value] = []
        let single = op == .equals || op == .notEquals
        let list = op == .in || op == .notIn
        for key in ["value", "values"] where object.has(key) {
            let wanted = (key == "value" && single) || (key == "values" && list)
            if !wanted, let extra = object[key] {
                let use = single ? "'value'" : list ? "'values' (a list)" : "neither 'value' nor 'values'"
                decoder.report(.invalidValue("", rule: "op '\(op.rawValue)' takes \(use)", hint: "remove '\(key)'"), node: extra, path: object.path(key))
            }
        }
        if single, let valueNode = decoder.required(object, "value") {
            values = canonical([valueNode], at: [object.path("value")], draft: draft, with: decoder)
        }
        if list, let valuesNode = decoder.required(object, "values"), let nodes = decoder.array(valuesNode, at: object.path("values")) {
            if nodes.isEmpty { decoder.report(.emptyList(what: "values"), node: valuesNode, path: object.path("values")) }
            values = canonical(nodes, at: nodes.indices.map { object.path("values").appending($0) }, draft: draft, with: decoder)
        }
        guard let name, draft != nil else { return nil }
        return ScopeFilter(field: name, op: op, values: values)
    }

    /// The filter's values as canonical values of the field (skipped when the field is unknown).
    private static func canonical(_ nodes: [JSON5Node], at paths: [ConfigPath], draft: FieldDraft?, with decoder: ConfigDecoder) -> [Value] {
        var values: [Value] = []
        for (node, path) in zip(nodes, paths) {
            guard let json = decoder.scalar(node, at: path) else { continue }
            guard let draft, draft.typeIsKnown else { continue }
            let context = FieldContext(name: draft.field.name, type: draft.field.type, values: draft.field.values)
            switch draft.field.type.canonical(from: json, values: draft.field.values) {
            case let .success(value): values.append(value)
            case let .failure(problem):
                let shown: String
                switch json {
                case let .string(text): shown = text
                case let .number(number): shown = number.description
                default: shown = ""
                }
                decoder.report(context.problem(problem, value: shown), node: node, path: path)
            }
        }
        return values
    }
}
