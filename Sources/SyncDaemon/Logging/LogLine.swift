import SyncCore

/// Renders one event as one line: message, then `key=value` fields (logfmt
/// quoting), so `journalctl` shows it readably and tools can still split it.
public enum LogLine {
    public static func render(_ event: LogEvent, style: LogStyle) -> String {
        var line: String
        switch style {
        case .journal: line = "<\(event.level.priority)>"
        case .plain: line = "\(event.level.name): "
        }
        line += escaped(event.message)
        for field in event.fields {
            line += " \(field.key)=\(quoted(field.value))"
        }
        return line
    }

    /// A value as logfmt writes it: bare when safe, otherwise quoted with escapes.
    public static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains {
            $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F
        }
        return needsQuotes ? "\"\(escaped(value))\"" : value
    }

    /// Keeps the event on one line: quotes, backslashes and control characters escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
