import SyncCore

/// Reads one object of a configuration file, remembering its key path so every error
/// names where it is (`hubspot.objects[1].name`), and refusing keys nobody reads.
struct ConfigurationReader {
    let members: [String: JSONValue]
    let path: String

    init(_ value: JSONValue, path: String) throws(SandboxError) {
        guard let members = value.asObject else {
            throw .invalidConfiguration(path: path.isEmpty ? "(top level)" : path, message: "expected an object")
        }
        self.members = members
        self.path = path
    }

    func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Fails on any key not in `known`, suggesting the closest one.
    func only(_ known: [String]) throws(SandboxError) {
        for key in members.keys.sorted() where !known.contains(key) {
            let hint = Suggestion.closest(to: key, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw .invalidConfiguration(path: at(key), message: "unknown key\(hint)")
        }
    }

    func string(_ key: String) throws(SandboxError) -> String? {
        guard let value = members[key] else { return nil }
        guard let text = value.asString, !text.isEmpty else {
            throw .invalidConfiguration(path: at(key), message: "expected a non-empty string")
        }
        return text
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(SandboxError) -> Int? {
        guard let value = members[key] else { return nil }
        guard case .number = value, let number = value.asInt, range.contains(number) else {
            throw .invalidConfiguration(path: at(key), message: "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// A whole number, or `null` for "not enforced".
    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(SandboxError) -> Int?? {
        guard let value = members[key] else { return nil }
        if value == .null { return .some(nil) }
        return .some(try int(key, in: range))
    }

    func strings(_ key: String) throws(SandboxError) -> [String]? {
        guard let value = members[key] else { return nil }
        guard let array = value.asArray else { throw .invalidConfiguration(path: at(key), message: "expected an array of strings") }
        var out: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.asString, !text.isEmpty else {
                throw .invalidConfiguration(path: "\(at(key))[\(index)]", message: "expected a non-empty string")
            }
            out.append(text)
        }
        return out
    }

    /// An array of strings, or `null` (meaning "any").
    func optionalStrings(_ key: String) throws(SandboxError) -> [String]?? {
        guard let value = members[key] else { return nil }
        if value == .null { return .some(nil) }
        return .some(try strings(key))
    }

    func object(_ key: String) throws(SandboxError) -> ConfigurationReader? {
        guard let value = members[key] else { return nil }
        return try ConfigurationReader(value, path: at(key))
    }

    func objects(_ key: String) throws(SandboxError) -> [ConfigurationReader]? {
        guard let value = members[key] else { return nil }
        guard let array = value.asArray, !array.isEmpty else {
            throw .invalidConfiguration(path: at(key), message: "expected a non-empty array of objects")
        }
        var readers: [ConfigurationReader] = []
        for (index, element) in array.enumerated() {
            readers.append(try ConfigurationReader(element, path: "\(at(key))[\(index)]"))
        }
        return readers
    }

    func required(_ key: String) throws(SandboxError) -> String {
        guard let value = try string(key) else { throw .invalidConfiguration(path: at(key), message: "is required") }
        return value
    }
}
