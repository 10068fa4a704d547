import Foundation

/// Quoting values in config messages: short, one line, and never a secret.
enum Quote {
    /// `text` shortened to one line of at most 60 characters, or `<redacted>` when
    /// it looks like a credential.
    static func safe(_ text: String) -> String {
        if LiteralSecret.reason(text) != nil { return "<redacted>" }
        let oneLine = text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        return oneLine.count > 60 ? String(oneLine.prefix(57)) + "..." : oneLine
    }

    /// `'a', 'b' and 'c'`, at most eight shown.
    static func list(_ items: [String]) -> String {
        let shown = items.prefix(8).map { "'\(safe($0))'" }
        let more = items.count > 8 ? " and \(items.count - 8) more" : ""
        return shown.joined(separator: ", ") + more
    }
}
