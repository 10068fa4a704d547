import Foundation
import SyncCore

/// Reads one object of a sandbox configuration file (parsed by SyncCore's `JSON5Parser`),
/// remembering its key path and every value's position so each error says
/// `file:line:column: key.path: what is wrong`, and refusing keys nobody reads.
struct ConfigurationReader {
    let file: String
    let node: JSON5Node
    let members: [JSON5Member]
    let path: String

    init(_ node: JSON5Node, file: String, path: String) throws(SandboxError) {
        guard case let .object(members) = node.kind else {
            throw Self.error(file, node.position, path.isEmpty ? "(top level)" : path, "expected an object, found \(node.typeDescription)")
        }
        self.file = file
        self.node = node
        self.members = members
        self.path = path
    }

    static func error(_ file: String, _ position: SourcePosition, _ path: String, _ message: String) -> SandboxError {
        .invalidConfigurationFile(file: file, line: position.line, column: position.column, path: path, message: message)
    }

    func at(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func value(_ key: String) -> JSON5Node? {
        members.first { $0.key == key }?.value
    }

    private func fail(_ node: JSON5Node, _ path: String, _ message: String) -> SandboxError {
        Self.error(file, node.position, path, message)
    }

    /// Fails on any key not in `known`, suggesting the closest one.
    func only(_ known: [String]) throws(SandboxError) {
        for member in members where !known.contains(member.key) {
            let hint = Suggestion.closest(to: member.key, among: known).map { " (did you mean '\($0)'?)" } ?? ""
            throw Self.error(file, member.keyPosition, at(member.key), "unknown key\(hint)")
        }
    }

    func string(_ key: String) throws(SandboxError) -> String? {
        guard let node = value(key) else { return nil }
        guard case let .string(text) = node.kind, !text.isEmpty else {
            throw fail(node, at(key), "expected a non-empty string, found \(node.typeDescription)")
        }
        return text
    }

    func required(_ key: String) throws(SandboxError) -> String {
        guard let text = try string(key) else { throw fail(node, at(key), "is required") }
        return text
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(SandboxError) -> Int? {
        guard let node = value(key) else { return nil }
        guard case let .number(.finite(number, _)) = node.kind, number == number.rounded(0),
              let whole = Int(number.description), range.contains(whole) else {
            throw fail(node, at(key), "expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return whole
    }

    /// A whole number, or `null` for "not enforced"; nil when the key is absent.
    func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(SandboxError) -> Int?? {
        guard let node = value(key) else { return nil }
        if node.kind == .null { return .some(nil) }
        return .some(try int(key, in: range))
    }

    func strings(_ key: String) throws(SandboxError) -> [String]? {
        guard let node = value(key) else { return nil }
        guard case let .array(elements) = node.kind else {
            throw fail(node, at(key), "expected an array of strings, found \(node.typeDescription)")
        }
        var out: [String] = []
        for (index, element) in elements.enumerated() {
            guard case let .string(text) = element.kind, !text.isEmpty else {
                throw fail(element, "\(at(key))[\(index)]", "expected a non-empty string, found \(element.typeDescription)")
            }
            out.append(text)
        }
        return out
    }

    /// An array of strings, or `null` (meaning "any"); nil when the key is absent.
    func optionalStrings(_ key: String) throws(SandboxError) -> [String]?? {
        guard let node = value(key) else { return nil }
        if node.kind == .null { return .some(nil) }
        return .some(try strings(key))
    }

    func object(_ key: String) throws(SandboxError) -> ConfigurationReader? {
        guard let node = value(key) else { return nil }
        return try ConfigurationReader(node, file: file, path: at(key))
    }

    func objects(_ key: String) throws(SandboxError) -> [ConfigurationReader]? {
        guard let node = value(key) else { return nil }
        guard case let .array(elements) = node.kind, !elements.isEmpty else {
            throw fail(node, at(key), "expected a non-empty array of objects")
        }
        var readers: [ConfigurationReader] = []
        for (index, element) in elements.enumerated() {
            readers.append(try ConfigurationReader(element, file: file, path: "\(at(key))[\(index)]"))
        }
        return readers
    }

    /// The position of `key`'s value (for errors found after reading it).
    func position(of key: String) -> SourcePosition {
        value(key)?.position ?? node.position
    }
}
