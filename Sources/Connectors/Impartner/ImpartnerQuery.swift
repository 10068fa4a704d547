import Foundation

/// The pieces of an Impartner object-API query: `fields=`, `filter=`, `orderby=`.
enum ImpartnerQuery {
    /// A field path usable in `fields`, `filter` and `orderby`: `name`, `stage.name`.
    static func isPath(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic)
            else { return false }
            return part.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
        }
    }

    /// A text literal: single quotes, an inner quote doubled.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `id,updated,name,…`: the connector's own fields first, no duplicates.
    static func selection(own: [String], fields: [String]) -> String {
        var names: [String] = []
        for name in own + fields where !names.contains(name) { names.append(name) }
        return names.joined(separator: ",")
    }
}
