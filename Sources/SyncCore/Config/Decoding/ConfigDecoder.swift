import Foundation

/// Reads config values out of a JSON5 tree, reporting every problem it meets (with
/// file, line:column and key path) and carrying on, so one `config check` run lists
/// all of them. Callers get `nil` for a value that was reported.
final class ConfigDecoder {
    let file: String
    private(set) var errors: [ConfigError] = []

    init(file: String) {
        self.file = file
    }

    func report(_ problem: ConfigProblem, at position: SourcePosition?, path: ConfigPath) {
        errors.append(ConfigError(file: file, position: position, path: path, problem: problem))
    }

    func report(_ problem: ConfigProblem, node: JSON5Node, path: ConfigPath) {
        report(problem, at: node.position, path: path)
    }

    // MARK: Containers

    /// `node` as an object whose keys are all in `keys`; unknown keys are reported
    /// (a secret-looking one as a literal secret, others with a "did you mean").
    func object(_ node: JSON5Node, at path: ConfigPath, keys: [String], flagSecretKeys: Bool = true) -> ConfigObject? {
        guard case let .object(members) = node.kind else {
            report(.wrongType(expected: "an object", found: node.typeDescription), node: node, path: path)
            return nil
        }
        for member in members where !keys.contains(member.key) {
            if flagSecretKeys, LiteralSecret.isSecretKeyName(member.key) {
                report(.literalSecret(why: "the key '\(Quote.safe(member.key))' holds a secret"), at: member.keyPosition,
                       path: path.appending(member.key))
            } else {
                let suggestion = Suggestion.closest(to: member.key, among: keys)
                report(.unknownKey(member.key, suggestion: suggestion, allowed: keys), at: member.keyPosition,
                       path: path.appending(member.key))
            }
        }
        return ConfigObject(node: node, path: path, members: members, keys: keys)
    }

    /// The members of an object whose keys someone else checks (connector options).
    func members(_ node: JSON5Node, at path: ConfigPath) -> [JSON5Member]? {
        guard case let .object(members) = node.kind else {
            report(.wrongType(expected: "an object", found: node.typeDescription), node: node, path: path)
            return nil
        }
        return members
    }

    func array(_ node: JSON5Node, at path: ConfigPath) -> [JSON5Node]? {
        guard case let .array(elements) = node.kind else {
            report(.wrongType(expected: "an array", found: node.typeDescription), node: node, path: path)
            return nil
        }
        return elements
    }

    /// The value of a required key, or nil after reporting it missing (at the object).
    func required(_ object: ConfigObject, _ key: String) -> JSON5Node? {
        guard let node = object[key] else {
            if !object.hasMisspelling(of: key) { report(.missingKey(key), node: object.node, path: object.path(key)) }
            return nil
        }
        return node
    }

    // MARK: Scalars

    func string(_ node: JSON5Node, at path: ConfigPath) -> String? {
        guard case let .string(text) = node.kind else {
            report(.wrongType(expected: "a string", found: node.typeDescription), node: node, path: path)
            return nil
        }
        return text
    }

    /// A string that must not be empty or blank.
    func nonEmptyString(_ node: JSON5Node, at path: ConfigPath) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            report(.invalidValue("", rule: "must not be empty", hint: "write a value, or remove the key to use the default"),
                   node: node, path: path)
            return nil
        }
        return text
    }

    func bool(_ node: JSON5Node, at path: ConfigPath) -> Bool? {
        guard case let .bool(flag) = node.kind else {
            report(.wrongType(expected: "true or false", found: node.typeDescription), node: node, path: path)
            return nil
        }
        return flag
    }

    func number(_ node: JSON5Node, at path: ConfigPath) -> Decimal? {
        switch node.kind {
        case let .number(.finite(value, _)): return value
        case let .number(.nonFinite(text)):
            report(.nonFiniteNumber(text), node: node, path: path)
            return nil
        default:
            report(.wrongType(expected: "a number", found: node.typeDescription), node: node, path: path)
            return nil
        }
    }

    func integer(_ node: JSON5Node, at path: ConfigPath, in range: ClosedRange<Int>) -> Int? {
        guard let value = number(node, at: path) else { return nil }
        guard DecimalText.isWhole(value), let integer = Int(value.description), range.contains(integer) else {
            let upper = range.upperBound == .max ? "" : " to \(range.upperBound)"
            report(.invalidValue(value.description, rule: "is not a whole number from \(range.lowerBound)\(upper)",
                                 hint: "write a whole number from \(range.lowerBound)\(upper)"), node: node, path: path)
            return nil
        }
        return integer
    }

    /// A word from a closed set (`direction`, `dialect`, …), with a "did you mean".
    func choice<T: RawRepresentable & CaseIterable>(_ node: JSON5Node, at path: ConfigPath, as _: T.Type = T.self) -> T?
    where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue)
        guard case let .string(text) = node.kind else {
            report(.wrongType(expected: "one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", "))", found: node.typeDescription),
                   node: node, path: path)
            return nil
        }
        if let value = T(rawValue: text) { return value }
        report(.notOneOf(text, allowed: allowed, suggestion: Suggestion.closest(to: text, among: allowed)), node: node, path: path)
        return nil
    }

    /// A duration such as `"90s"`, `"5m"`, `"1h30m"`, within `range`.
    func duration(_ node: JSON5Node, at path: ConfigPath, in range: ClosedRange<Duration>) -> Duration? {
        if case .number = node.kind {
            report(.wrongType(expected: "a duration string", found: "a number"), node: node, path: path)
            return nil
        }
        guard let text = string(node, at: path) else { return nil }
        guard let duration = DurationText.parse(text) else {
            report(.invalidValue(text, rule: "is not a duration", hint: "write a number and a unit: \"250ms\", \"90s\", \"5m\", \"1h30m\", \"1d\""),
                   node: node, path: path)
            return nil
        }
        guard range.contains(duration) else {
            let bounds = "from \(DurationText.format(range.lowerBound)) to \(DurationText.format(range.upperBound))"
            report(.invalidValue(text, rule: "is out of range (\(bounds))", hint: "use a duration \(bounds)"), node: node, path: path)
            return nil
        }
        return duration
    }

    /// A list where each element is decoded by `element`; failed elements are left out.
    func list<T>(_ node: JSON5Node, at path: ConfigPath, element: (JSON5Node, ConfigPath) -> T?) -> [T]? {
        guard let nodes = array(node, at: path) else { return nil }
        return nodes.enumerated().compactMap { index, child in element(child, path.appending(index)) }
    }

    /// A scalar node as a `JSONValue` (for defaults, constants, scope values).
    func scalar(_ node: JSON5Node, at path: ConfigPath) -> JSONValue? {
        switch node.kind {
        case .null: return .null
        case let .bool(flag): return .bool(flag)
        case let .number(.finite(value, _)): return .number(value)
        case let .number(.nonFinite(text)):
            report(.nonFiniteNumber(text), node: node, path: path)
            return nil
        case let .string(text): return .string(text)
        case .array, .object:
            report(.wrongType(expected: "a string, number or boolean", found: node.typeDescription), node: node, path: path)
            return nil
        }
    }
}
