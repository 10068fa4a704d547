/// A strict parser for the Prometheus text exposition format (0.0.4), as the
/// textfile collector reads it, used to check every line the daemon writes.
/// Stricter than Prometheus where the daemon should be: only HELP/TYPE comments,
/// no timestamps, no duplicate series, families contiguous, TYPE before samples.
struct ExpositionParser {
    struct Family: Equatable {
        var name: String
        var type: String?
        var help: String?
        var samples: [Sample] = []
    }

    struct Sample: Equatable {
        var labels: [String: String]
        var value: Double
    }

    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    static func parse(_ text: String) throws -> [Family] {
        guard text.isEmpty || text.hasSuffix("\n") else { throw ParseError(line: 0, reason: "no final newline") }
        var families: [Family] = []
        var closed = Set<String>()
        var series = Set<String>()
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            let number = offset + 1
            let line = String(raw)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                guard parts.count >= 3, parts[0] == "#", parts[1] == "HELP" || parts[1] == "TYPE" else {
                    throw ParseError(line: number, reason: "unexpected comment '\(line)'")
                }
                let name = parts[2]
                guard isMetricName(name) else { throw ParseError(line: number, reason: "bad metric name '\(name)'") }
                let argument = parts.count == 4 ? parts[3] : ""
                var family = try current(&families, name: name, closed: &closed, line: number)
                if parts[1] == "HELP" {
                    guard family.help == nil else { throw ParseError(line: number, reason: "second HELP for \(name)") }
                    family.help = try unescapeHelp(argument, line: number)
                } else {
                    guard family.type == nil else { throw ParseError(line: number, reason: "second TYPE for \(name)") }
                    guard family.samples.isEmpty else { throw ParseError(line: number, reason: "TYPE after samples of \(name)") }
                    guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(argument) else {
                        throw ParseError(line: number, reason: "unknown type '\(argument)'")
                    }
                    family.type = argument
                }
                families[families.count - 1] = family
                continue
            }
            let (name, labels, value) = try parseSample(line, line: number)
            var family = try current(&families, name: name, closed: &closed, line: number)
            if family.type == "counter", value < 0 || value.isNaN {
                throw ParseError(line: number, reason: "counter \(name) has value \(value)")
            }
            let key = name + "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
            guard series.insert(key).inserted else { throw ParseError(line: number, reason: "duplicate series \(key)") }
            family.samples.append(Sample(labels: labels, value: value))
            families[families.count - 1] = family
        }
        return families
    }

    /// The family `name` must be the latest one or a new one; a family seen
    /// before another one started cannot continue.
    private static func current(_ families: inout [Family], name: String, closed: inout Set<String>,
                                line: Int) throws -> Family {
        if let last = families.last, last.name == name { return last }
        if let last = families.last { closed.insert(last.name) }
        guard !closed.contains(name), !families.contains(where: { $0.name == name }) else {
            throw ParseError(line: line, reason: "family \(name) is not contiguous")
        }
        families.append(Family(name: name))
        return families[families.count - 1]
    }

    private static func parseSample(_ line: String, line number: Int) throws -> (String, [String: String], Double) {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        var name = ""
        while index < scalars.count, scalars[index] != "{", scalars[index] != " " {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard isMetricName(name) else { throw ParseError(line: number, reason: "bad metric name '\(name)'") }
        var labels: [String: String] = [:]
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while index < scalars.count, scalars[index] != "}" {
                var label = ""
                while index < scalars.count, scalars[index] != "=" {
                    label.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard isLabelName(label) else { throw ParseError(line: number, reason: "bad label name '\(label)'") }
                guard index + 1 < scalars.count, scalars[index + 1] == "\"" else {
                    throw ParseError(line: number, reason: "label \(label) value not quoted")
                }
                index += 2
                var value = ""
                var terminated = false
                while index < scalars.count {
                    let scalar = scalars[index]
                    if scalar == "\\" {
                        guard index + 1 < scalars.count else { break }
                        switch scalars[index + 1] {
                        case "\\": value += "\\"
                        case "\"": value += "\""
                        case "n": value += "\n"
                        default: throw ParseError(line: number, reason: "bad escape in label \(label)")
                        }
                        index += 2
                        continue
                    }
                    if scalar == "\"" {
                        terminated = true
                        index += 1
                        break
                    }
                    if scalar == "\n" { throw ParseError(line: number, reason: "raw newline in label value") }
                    value.unicodeScalars.append(scalar)
                    index += 1
                }
                guard terminated else { throw ParseError(line: number, reason: "unterminated label value") }
                guard labels.updateValue(value, forKey: label) == nil else {
                    throw ParseError(line: number, reason: "label \(label) twice")
                }
                if index < scalars.count, scalars[index] == "," { index += 1 }
            }
            guard index < scalars.count, scalars[index] == "}" else { throw ParseError(line: number, reason: "unclosed labels") }
            index += 1
        }
        guard index < scalars.count, scalars[index] == " " else { throw ParseError(line: number, reason: "no space before value") }
        let rest = String(String.UnicodeScalarView(scalars[(index + 1)...]))
        guard !rest.contains(" ") else { throw ParseError(line: number, reason: "timestamp or trailing text '\(rest)'") }
        guard let value = parseValue(rest) else { throw ParseError(line: number, reason: "bad value '\(rest)'") }
        return (name, labels, value)
    }

    static func parseValue(_ text: String) -> Double? {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            let allowed = Set("0123456789+-.eE")
            guard !text.isEmpty, text.allSatisfy(allowed.contains), let value = Double(text) else { return nil }
            return value
        }
    }

    private static func unescapeHelp(_ text: String, line: Int) throws -> String {
        var out = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "\\": out += "\\"
                case "n": out += "\n"
                default: throw ParseError(line: line, reason: "bad escape in HELP")
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        guard !escaping else { throw ParseError(line: line, reason: "dangling backslash in HELP") }
        return out
    }

    static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLetter(first) || first == "_" || first == ":" else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" || $0 == ":" }
    }

    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLetter(first) || first == "_", !name.hasPrefix("__") else { return false }
        return name.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "_" }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
