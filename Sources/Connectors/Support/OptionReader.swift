import SyncCore

/// Reads a remote's `options` object and names every problem by its key path
/// (`options.paging.style: …`), the way `channelsync config check` reports config errors:
/// all problems at once, unknown keys with a "did you mean".
///
/// One reader per options object; `child` readers share the problem list.
final class OptionReader {
    private final class Problems {
        var list: [String] = []
    }

    let path: String
    let members: [String: JSONValue]
    private let problems: Problems

    init(_ members: [String: JSONValue], path: String = "options") {
        self.path = path
        self.members = members
        problems = Problems()
    }

    private init(_ members: [String: JSONValue], path: String, problems: Problems) {
        self.path = path
        self.members = members
        self.problems = problems
    }

    /// Every problem found so far, in the order found.
    var found: [String] { problems.list }

    func report(_ key: String?, _ message: String) {
        problems.list.append("\(key.map { keyPath($0) } ?? path): \(message)")
    }

    /// Adds a problem already phrased with its key path (from another reader).
    func add(_ problem: String) {
        problems.list.append(problem)
    }

    func keyPath(_ key: String) -> String {
        Self.isIdentifier(key) ? path + "." + key : path + "[\"" + key + "\"]"
    }

    /// Reports keys outside `allowed`, suggesting the closest one.
    func allowOnly(_ allowed: [String]) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            let hint = Suggestion.closest(to: key, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            report(key, "unknown key '\(key)'\(hint); known keys here: \(allowed.joined(separator: ", "))")
        }
    }

    /// Whether the key is set to something other than `null`.
    func has(_ key: String) -> Bool {
        members[key].map { $0 != .null } ?? false
    }

    private func value(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    // MARK: - Typed readers (nil when absent or wrong, the problem reported)

    func object(_ key: String, required: Bool = false) -> OptionReader? {
        guard let value = value(key) else {
            if required { report(key, "is required") }
            return nil
        }
        guard case .object(let members) = value else {
            report(key, "must be an object, got \(Self.describe(value))")
            return nil
        }
        return OptionReader(members, path: keyPath(key), problems: problems)
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key) else {
            if required { report(key, "is required") }
            return nil
        }
        guard case .string(let text) = value else {
            report(key, "must be a string, got \(Self.describe(value))")
            return nil
        }
        return text
    }

    /// A string from a closed set; the problem lists the choices and the closest one.
    func choice(_ key: String, among choices: [String], required: Bool = false) -> String? {
        guard let text = string(key, required: required) else { return nil }
        guard choices.contains(text) else {
            let hint = Suggestion.closest(to: text, among: choices).map { " (did you mean '\($0)'?)" } ?? ""
            report(key, "'\(text)' is not one of \(choices.joined(separator: ", "))\(hint)")
            return nil
        }
        return text
    }

    func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = value(key) else { return nil }
        if case .number = value, let whole = value.int64Value, whole >= Int64(range.lowerBound),
            whole <= Int64(range.upperBound) {
            return Int(whole)
        }
        let got = if case .number(let number) = value { number.description } else { Self.describe(value) }
        report(key, "must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(got)")
        return nil
    }

    func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else {
            report(key, "must be true or false, got \(Self.describe(value))")
            return nil
        }
        return flag
    }

    /// A string, or a list of strings.
    func strings(_ key: String, required: Bool = false) -> [String]? {
        guard let value = value(key) else {
            if required { report(key, "is required") }
            return nil
        }
        switch value {
        case .string(let text):
            return [text]
        case .array(let elements):
            var out: [String] = []
            for (index, element) in elements.enumerated() {
                guard case .string(let text) = element else {
                    problems.list.append("\(keyPath(key))[\(index)]: must be a string, got \(Self.describe(element))")
                    continue
                }
                out.append(text)
            }
            if elements.isEmpty { report(key, "must not be an empty list") }
            return out
        default:
            report(key, "must be a string or a list of strings, got \(Self.describe(value))")
            return nil
        }
    }

    /// A JSON path into a response: dotted keys, `""` for the body itself.
    func responsePath(_ key: String, required: Bool = false) -> ResponsePath? {
        guard let text = string(key, required: required) else { return nil }
        guard let path = ResponsePath(text) else {
            report(key, "'\(text)' is not a path: use dotted keys like 'data.items' (\"\" for the whole body)")
            return nil
        }
        return path
    }

    /// A query parameter or header name: printable ASCII without spaces or `&=#`.
    func parameterName(_ key: String, required: Bool = false) -> String? {
        guard let text = string(key, required: required) else { return nil }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !"&=#?".utf8.contains($0) }) else {
            report(key, "'\(text)' is not a usable parameter name")
            return nil
        }
        return text
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let number): "the number \(number)"
        case .string(let text): "the string '\(text)'"
        case .array: "a list"
        case .object: "an object"
        }
    }

    static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return key.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }
    }
}
