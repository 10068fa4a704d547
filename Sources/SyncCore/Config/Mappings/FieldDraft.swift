/// A field as decoded, with where each part was written, for the rules that look
/// across fields (unique names and paths) and across sides (value maps).
struct FieldDraft {
    var field: FieldMapping
    let node: JSON5Node
    let path: ConfigPath
    var nameNode: JSON5Node?
    var pathNodes: [Side: JSON5Node] = [:]
    var directionNode: JSON5Node?
    var policyNode: JSON5Node?
    var transforms: [Side: [TransformDraft]] = [:]
    /// False when `type` was wrong: type-dependent rules are skipped.
    var typeIsKnown = true
    /// Sides whose path key looks misspelt (`crmm`): already reported, so rules
    /// about a missing path on that side stay quiet.
    var misspeltSides: Set<Side> = []
    /// Sides whose path was given but is not a string or not a path (reported).
    var malformedPathSides: Set<Side> = []

    static let keys = ["name", "type", "values", "crm", "prm", "crmTransforms", "prmTransforms",
                       "direction", "policy", "preferNonEmpty"]

    /// Decodes `fields[i]`; nil when it is not an object or has no usable name.
    static func decode(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> FieldDraft? {
        guard let object = decoder.object(node, at: path, keys: keys) else { return nil }
        var name: String?
        let nameNode = decoder.required(object, "name")
        if let nameNode, let text = decoder.string(nameNode, at: object.path("name")) {
            if Names.isFieldName(text) {
                name = text
            } else {
                decoder.report(.invalidValue(text, rule: Names.fieldRule, hint: "e.g. \"close_date\" or \"amount\""),
                               node: nameNode, path: object.path("name"))
            }
        }
        let type = decoder.required(object, "type").flatMap { decoder.choice($0, at: object.path("type"), as: FieldType.self) }
        var draft = FieldDraft(field: FieldMapping(name: name ?? "", type: type ?? .string, crmPath: nil, prmPath: nil),
                               node: node, path: path)
        draft.nameNode = nameNode
        draft.typeIsKnown = type != nil
        draft.field.values = enumValues(object, type: type, with: decoder)
        draft.misspeltSides = Set(Side.allCases.filter { object.hasMisspelling(of: $0.rawValue) })
        for side in Side.allCases {
            guard let value = object[side.rawValue] else { continue }
            guard let text = decoder.string(value, at: object.path(side.rawValue)) else {
                draft.malformedPathSides.insert(side)
                continue
            }
            guard let fieldPath = FieldPath(text) else {
                draft.malformedPathSides.insert(side)
                decoder.report(.invalidValue(text, rule: "is not a field path", hint: "write the field's key, dotted for nested objects: \"Amount\", \"company.name\""),
                               node: value, path: object.path(side.rawValue))
                continue
            }
            draft.pathNodes[side] = value
            if side == .crm { draft.field.crmPath = fieldPath } else { draft.field.prmPath = fieldPath }
        }
        let context = FieldContext(name: name ?? "?", type: type, values: draft.field.values)
        for side in Side.allCases {
            let key = side.rawValue + "Transforms"
            guard let value = object[key], let list = decoder.array(value, at: object.path(key)) else { continue }
            var drafts: [TransformDraft] = []
            for (index, element) in list.enumerated() {
                guard let transform = Transform.decode(element, at: object.path(key).appending(index), field: context.name,
                                                       type: context.type, values: context.values, with: decoder) else { continue }
                drafts.append(transform)
            }
            checkCombination(drafts, with: decoder)
            draft.transforms[side] = drafts
            if side == .crm { draft.field.crmTransforms = drafts.map(\.transform) } else { draft.field.prmTransforms = drafts.map(\.transform) }
        }
        if let value = object["direction"], let direction = decoder.choice(value, at: object.path("direction"), as: Direction.self) {
            draft.directionNode = value
            draft.field.direction = direction
        } else if object["direction"] == nil {
            draft.field.direction = inferredDirection(draft.field)
        }
        if let value = object["policy"], let policy = decoder.choice(value, at: object.path("policy"), as: ConflictPolicy.self) {
            draft.policyNode = value
            draft.field.policy = policy
        }
        if let value = object["preferNonEmpty"], let flag = decoder.bool(value, at: object.path("preferNonEmpty")) {
            draft.field.preferNonEmpty = flag
        }
        return name == nil ? nil : draft
    }

    /// `values` is required for enum fields and refused for others.
    private static func enumValues(_ object: ConfigObject, type: FieldType?, with decoder: ConfigDecoder) -> [String] {
        guard let node = object["values"] else {
            if type == .enum {
                decoder.report(.missingKey("values"), node: object.node, path: object.path("values"))
            }
            return []
        }
        guard type == .enum || type == nil else {
            decoder.report(.invalidValue("", rule: "'values' is only for fields of type enum",
                                         hint: "remove it, or make the field's type \"enum\""), node: node, path: object.path("values"))
            return []
        }
        guard let list = decoder.array(node, at: object.path("values")) else { return [] }
        if list.isEmpty { decoder.report(.emptyList(what: "values"), node: node, path: object.path("values")) }
        var values: [String] = []
        for (index, element) in list.enumerated() {
            guard let text = decoder.nonEmptyString(element, at: object.path("values").appending(index)) else { continue }
            if values.contains(text) {
                decoder.report(.duplicateName(kind: "enum value", name: text, first: "an earlier entry"), node: element,
                               path: object.path("values").appending(index))
            } else {
                values.append(text)
            }
        }
        return values
    }

    /// One value map, date format and scale per side, and a constant stands alone.
    private static func checkCombination(_ drafts: [TransformDraft], with decoder: ConfigDecoder) {
        var seen: [String: TransformDraft] = [:]
        for draft in drafts {
            let form = draft.transform.formName
            if ["valueMap", "dateFormat", "scale", "default", "constant"].contains(form), seen[form] != nil {
                decoder.report(.conflictingTransforms("a second '\(form)' on the same side"), node: draft.node, path: draft.path)
            }
            seen[form] = seen[form] ?? draft
        }
        if let constant = seen["constant"], drafts.count > 1 {
            decoder.report(.conflictingTransforms("'constant' replaces the value, so other transforms on the same side do nothing"),
                           node: constant.node, path: constant.path)
        }
    }

    /// Without an explicit direction a field flows from the side that supplies it to
    /// the side that has a path: both ways when both have paths.
    static func inferredDirection(_ field: FieldMapping) -> Direction {
        switch (field.crmPath != nil, field.prmPath != nil) {
        case (true, false): .toCRM
        case (false, true): .toPRM
        default: .both
        }
    }

    /// The sides this field is written to: those with a path that receive its flow.
    var writtenSides: [Side] {
        Side.allCases.filter { side in field.path(side) != nil && field.flows(from: side.other) && field.isRead(on: side.other) }
    }
}
