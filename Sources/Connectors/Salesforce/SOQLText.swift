/// Building SOQL safely: names are checked to be identifiers (so a config value cannot
/// inject a clause), values are quoted with SOQL's escapes.
enum SOQLText {
    /// `Opportunity`, `ns__Deal__c`, `Account.Name` (relationship paths when `dotted`).
    static func isIdentifier(_ name: String, dotted: Bool = false) -> Bool {
        let parts = dotted ? name.split(separator: ".", omittingEmptySubsequences: false) : [Substring(name)]
        return !parts.isEmpty && parts.allSatisfy { part in
            guard let first = part.utf8.first, isLetter(first) else { return false }
            return part.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// `'O\'Brien'`: backslash, quotes and line breaks escaped as SOQL requires.
    static func quote(_ value: String) -> String {
        var out = "'"
        out.reserveCapacity(value.utf8.count + 2)
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(character)
            }
        }
        return out + "'"
    }

    /// The select list: the connector's own fields first, then the mapping's, each once
    /// (Salesforce refuses a field named twice; names compare case-insensitively).
    static func selectList(_ own: [String], _ requested: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for name in own + requested where seen.insert(name.lowercased()).inserted {
            out.append(name)
        }
        return out
    }
}
