/// A transform as decoded, with where it was written (later rules point back at it).
struct TransformDraft {
    let transform: Transform
    let node: JSON5Node
    let path: ConfigPath
}

extension Transform {
    static let wordForms = ["trim", "lowercase", "uppercase"]
    static let objectForms = ["valueMap", "default", "constant", "dateFormat", "scale"]
    static let dateFormatWords = ["iso8601", "epochMillis", "epochSeconds"]

    /// Types a value map may translate: its canonical side is a word.
    static let valueMapTypes: [FieldType] = [.enum, .string, .text, .reference, .bool]
    static let textTypes: [FieldType] = [.string, .text, .enum, .email, .reference]

    /// Decodes one transform of a field of `type` (nil when the type itself was
    /// wrong: shape is still checked, type rules are not).
    static func decode(_ node: JSON5Node, at path: ConfigPath, field: String, type: FieldType?, values: [String],
                       with decoder: ConfigDecoder) -> TransformDraft? {
        let context = FieldContext(name: field, type: type, values: values)
        switch node.kind {
        case let .string(word):
            guard let transform = [Transform.trim, .lowercase, .uppercase].first(where: { $0.word == word }) else {
                if objectForms.contains(word) {
                    decoder.report(.invalidValue(word, rule: "takes a value", hint: "write it as an object: { \(word): … }"), node: node, path: path)
                } else {
                    decoder.report(.notOneOf(word, allowed: wordForms, suggestion: Suggestion.closest(to: word, among: wordForms)),
                                   node: node, path: path)
                }
                return nil
            }
            if let type, !textTypes.contains(type) {
                decoder.report(.transformNotForType(transform: word, type: type), node: node, path: path)
                return nil
            }
            return TransformDraft(transform: transform, node: node, path: path)
        case let .object(members):
            let present = objectForms.filter { form in members.contains { $0.key == form } }
            let keys = present.count == 1 ? present + (present == ["valueMap"] ? ["fallback", "write"] : [])
                : objectForms + ["fallback", "write"]
            guard let object = decoder.object(node, at: path, keys: keys) else { return nil }
            if present.count > 1 {
                decoder.report(.conflictingTransforms("one transform object holds one of valueMap, default, constant, dateFormat or scale; this one has \(present.joined(separator: " and "))"),
                               node: node, path: path)
                return nil
            }
            guard let form = present.first else {
                if !members.contains(where: { !keys.contains($0.key) }) {
                    decoder.report(.invalidValue("", rule: "a transform object needs one of valueMap, default, constant, dateFormat or scale",
                                                 hint: "e.g. { valueMap: { \"Closed Won\": \"won\" } } or { default: 0 }"), node: node, path: path)
                }
                return nil
            }
            let transform: Transform?
            switch form {
            case "valueMap": transform = valueMap(object, context, with: decoder)
            case "default", "constant": transform = fixedValue(object, form: form, context, with: decoder)
            case "dateFormat": transform = dateFormat(object, type: type, with: decoder)
            default: transform = scale(object, type: type, with: decoder)
            }
            return transform.map { TransformDraft(transform: $0, node: node, path: path) }
        default:
            decoder.report(.wrongType(expected: "a transform (\"trim\", { valueMap: … }, …)", found: node.typeDescription), node: node, path: path)
            return nil
        }
    }

    /// The JSON5 word of a word-form transform.
    var word: String? {
        switch self {
        case .trim: "trim"
        case .lowercase: "lowercase"
        case .uppercase: "uppercase"
        default: nil
        }
    }

    /// A short name for messages: "valueMap", "dateFormat", …
    var formName: String {
        switch self {
        case .trim: "trim"
        case .lowercase: "lowercase"
        case .uppercase: "uppercase"
        case .valueMap, .valueMapWithWrite: "valueMap"
        case .defaultValue: "default"
        case .constant: "constant"
        case .dateFormat: "dateFormat"
        case .scale: "scale"
        }
    }

    private static func valueMap(_ object: ConfigObject, _ context: FieldContext, with decoder: ConfigDecoder) -> Transform? {
        guard let mapNode = object["valueMap"] else { return nil }
        let type = context.type
        if let type, !valueMapTypes.contains(type) {
            decoder.report(.transformNotForType(transform: "valueMap", type: type), node: mapNode, path: object.path("valueMap"))
            return nil
        }
        let count = decoder.errors.count
        let map = stringMap(mapNode, at: object.path("valueMap"), canonicalKeys: false, context, with: decoder)
        if case let .object(members) = mapNode.kind, members.isEmpty { decoder.report(.emptyList(what: "valueMap"), node: mapNode, path: object.path("valueMap")) }
        var fallback: String?
        if let node = object["fallback"], let text = decoder.string(node, at: object.path("fallback")) {
            if canonicalCheck(text, at: node.position, path: object.path("fallback"), context, with: decoder) { fallback = text }
        }
        let write = object["write"].flatMap {
            stringMap($0, at: object.path("write"), canonicalKeys: true, context, with: decoder)
        } ?? [:]
        guard decoder.errors.count == count, let map else { return nil }
        return write.isEmpty ? .valueMap(map, fallback: fallback) : .valueMapWithWrite(map, fallback: fallback, write: write)
    }

    /// An object of strings to strings; the canonical side (values of a value map,
    /// keys of `write`) must be canonical for the field.
    private static func stringMap(_ node: JSON5Node, at path: ConfigPath, canonicalKeys: Bool, _ context: FieldContext,
                                  with decoder: ConfigDecoder) -> [String: String]? {
        guard let members = decoder.members(node, at: path) else { return nil }
        var map: [String: String] = [:]
        for member in members {
            let memberPath = path.appending(member.key)
            guard let text = decoder.string(member.value, at: memberPath) else { continue }
            let canonical = canonicalKeys ? member.key : text
            let position = canonicalKeys ? member.keyPosition : member.value.position
            guard canonicalCheck(canonical, at: position, path: memberPath, context, with: decoder) else { continue }
            map[member.key] = text
        }
        return map
    }

    /// Whether `text` is a canonical value of the field; reported when not.
    private static func canonicalCheck(_ text: String, at position: SourcePosition, path: ConfigPath, _ context: FieldContext,
                                       with decoder: ConfigDecoder) -> Bool {
        guard let type = context.type else { return true }
        switch type.canonical(from: .string(text), values: context.values) {
        case .success: return true
        case let .failure(problem):
            decoder.report(context.problem(problem, value: text), at: position, path: path)
            return false
        }
    }

    private static func fixedValue(_ object: ConfigObject, form: String, _ context: FieldContext,
                                   with decoder: ConfigDecoder) -> Transform? {
        guard let node = object[form] else {
            decoder.report(.invalidValue("", rule: "\(form) must not be null", hint: "give the value to use"), node: object.node, path: object.path(form))
            return nil
        }
        guard let json = decoder.scalar(node, at: object.path(form)), let type = context.type else { return nil }
        switch type.canonical(from: json, values: context.values) {
        case let .success(value):
            return form == "default" ? .defaultValue(value) : .constant(value)
        case let .failure(problem):
            let shown: String
            if case let .string(text) = json { shown = text } else if case let .number(number) = json { shown = number.description } else { shown = "" }
            decoder.report(context.problem(problem, value: shown), node: node, path: object.path(form))
            return nil
        }
    }

    private static func dateFormat(_ object: ConfigObject, type: FieldType?, with decoder: ConfigDecoder) -> Transform? {
        guard let node = object["dateFormat"], let text = decoder.nonEmptyString(node, at: object.path("dateFormat")) else { return nil }
        if let type, type != .date, type != .datetime {
            decoder.report(.transformNotForType(transform: "dateFormat", type: type), node: node, path: object.path("dateFormat"))
            return nil
        }
        switch text {
        case "iso8601": return .dateFormat(.iso8601)
        case "epochMillis": return .dateFormat(.epochMillis)
        case "epochSeconds": return .dateFormat(.epochSeconds)
        default:
            do {
                _ = try DatePattern(text)
                return .dateFormat(.pattern(text))
            } catch {
                if let near = Suggestion.closest(to: text, among: dateFormatWords) {
                    decoder.report(.notOneOf(text, allowed: dateFormatWords + ["a pattern such as yyyy-MM-dd"], suggestion: near),
                                   node: node, path: object.path("dateFormat"))
                } else {
                    decoder.report(.invalidValue(text, rule: "is not a date pattern: \(error.reason)",
                                                 hint: "use iso8601, epochMillis, epochSeconds or a pattern such as \"dd/MM/yyyy\""),
                                   node: node, path: object.path("dateFormat"))
                }
                return nil
            }
        }
    }

    private static func scale(_ object: ConfigObject, type: FieldType?, with decoder: ConfigDecoder) -> Transform? {
        guard let node = object["scale"] else { return nil }
        if let type, type != .decimal {
            decoder.report(.transformNotForType(transform: "scale", type: type), node: node, path: object.path("scale"))
            return nil
        }
        return decoder.integer(node, at: object.path("scale"), in: 0...18).map(Transform.scale)
    }
}
