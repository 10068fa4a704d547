import Foundation
import SyncCore

/// How Impartner-style records look and compare.
enum ImpartnerRecords {
    static let readOnly: Set<String> = ["id", "created", "updated"]

    /// The value at a path, the record's own `id`/`created`/`updated` included.
    static func value(_ path: String, of record: SandboxRecord) -> JSONValue? {
        switch path {
        case "id": return Int64(record.id).map(JSONValue.int) ?? .string(record.id)
        case "created": return .string(SandboxTime.iso(record.createdAt))
        case "updated": return .string(SandboxTime.iso(record.modifiedAt))
        default: return record.value(at: path)
        }
    }

    static func time(_ value: JSONValue) -> Int64? {
        value.asString.flatMap { SandboxTime.parse($0) }
    }

    /// Times as instants, numbers numerically, text case-insensitively; nil when the kinds differ.
    static func compare(_ left: JSONValue, _ right: JSONValue, isTime: Bool) -> ComparisonResult? {
        if isTime || (time(left) != nil && time(right) != nil && left.asString?.count ?? 0 > 9) {
            if let a = time(left), let b = time(right) { return order(a, b) }
        }
        switch (left, right) {
        case let (.number(a), .number(b)): return order(a, b)
        case let (.string(a), .number(b)): return Decimal(string: a).map { order($0, b) }
        case let (.number(a), .string(b)): return Decimal(string: b).map { order(a, $0) }
        case let (.string(a), .string(b)): return a.lowercased().compare(b.lowercased())
        case let (.bool(a), .bool(b)): return a == b ? .orderedSame : (a ? .orderedDescending : .orderedAscending)
        default: return nil
        }
    }

    static func order<T: Comparable>(_ a: T, _ b: T) -> ComparisonResult {
        a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
    }

    /// `fields=id,name,company{id,name},stage.name` → dotted paths.
    static func selection(_ text: String) throws(ImpartnerExpressionError) -> [String] {
        var paths: [String] = []
        var prefixes: [String] = []
        var current = ""
        func flush() {
            let name = current.trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { paths.append((prefixes + [name]).joined(separator: ".")) }
            current = ""
        }
        for character in text {
            switch character {
            case ",": flush()
            case "{":
                let name = current.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else { throw .invalid("'{' must follow a field name") }
                prefixes.append(name)
                current = ""
            case "}":
                flush()
                guard !prefixes.isEmpty else { throw .invalid("unbalanced '}' in fields") }
                prefixes.removeLast()
            default: current.append(character)
            }
        }
        flush()
        guard prefixes.isEmpty else { throw .invalid("unbalanced '{' in fields") }
        return paths
    }

    /// The record with only the selected paths (all fields when `paths` is nil); `id` always.
    static func render(_ record: SandboxRecord, paths: [String]?) -> JSONValue {
        var out: [String: JSONValue] = ["id": value("id", of: record) ?? .null]
        guard let paths else {
            for (key, field) in record.fields { out[key] = field }
            out["created"] = value("created", of: record)
            out["updated"] = value("updated", of: record)
            return .object(out)
        }
        for path in paths {
            let parts = path.split(separator: ".").map(String.init)
            out = insert(value(path, of: record) ?? .null, at: parts[...], into: out)
        }
        return .object(out)
    }

    private static func insert(_ value: JSONValue, at path: ArraySlice<String>, into object: [String: JSONValue]) -> [String: JSONValue] {
        var object = object
        guard let head = path.first else { return object }
        if path.count == 1 {
            object[head] = value
        } else {
            let nested = object[head]?.asObject ?? [:]
            object[head] = .object(insert(value, at: path.dropFirst(), into: nested))
        }
        return object
    }
}
