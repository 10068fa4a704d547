import SyncCore

/// What `config check` prints: `file:line:col: error: …` lines for people, or one
/// JSON document for scripts (shape documented in the command help and config/README.md).
struct ConfigReport {
    let configPath: String
    let result: Result<Configuration, ConfigErrors>
    /// Things a valid config should still change (`UnsettledCreateCheck`); they never
    /// make it invalid.
    var warnings: [ConfigWarning] = []

    var isValid: Bool {
        if case .success = result { return true }
        return false
    }

    var errors: [ConfigError] {
        if case let .failure(errors) = result { return errors.errors }
        return []
    }

    /// One line per error, sorted by file and position.
    var errorLines: [String] { errors.map(\.description) }

    /// One line per warning, sorted by file and position.
    var warningLines: [String] { warnings.map(\.description) }

    var summary: String {
        switch result {
        case let .success(configuration):
            let mappings = configuration.mappings.map { "\($0.name) (\($0.fields.count) fields)" }.joined(separator: ", ")
            let remotes = configuration.service.remotes.count
            let warned = warnings.isEmpty ? "" : " (\(warnings.count) \(warnings.count == 1 ? "warning" : "warnings"))"
            return "\(configPath): OK — \(remotes) \(remotes == 1 ? "remote" : "remotes"), mappings: \(mappings)\(warned)"
        case let .failure(errors):
            let files = Set(errors.errors.map(\.file)).count
            let count = errors.errors.count
            return "config check: \(count) \(count == 1 ? "error" : "errors") in \(files) \(files == 1 ? "file" : "files")"
        }
    }

    /// `{"valid":…,"config":…,"errors":[{"file","line","column","path","code","message","hint"}],"mappings":[…],
    /// "warnings":[…]}` (warnings shaped as errors); `line`/`column`/`hint` are null when
    /// unknown, `mappings` lists the valid ones.
    var json: String {
        var mappings: [String] = []
        if case let .success(configuration) = result {
            mappings = zip(configuration.mappings, configuration.mappingFiles).map { mapping, file in
                "{\"name\":\(JSONText.string(mapping.name)),\"file\":\(JSONText.string(file)),\"fields\":\(mapping.fields.count)}"
            }
        }
        let errorObjects = errors.map { error in
            Self.jsonObject(file: error.file, position: error.position, path: error.path, code: error.problem.code,
                            message: error.message, hint: error.hint)
        }
        let warningObjects = warnings.map { warning in
            Self.jsonObject(file: warning.file, position: warning.position, path: warning.path, code: warning.code,
                            message: warning.message, hint: warning.hint)
        }
        return "{\"valid\":\(isValid),\"config\":\(JSONText.string(configPath)),\"errors\":[\(errorObjects.joined(separator: ","))],"
            + "\"mappings\":[\(mappings.joined(separator: ","))],\"warnings\":[\(warningObjects.joined(separator: ","))]}"
    }
}

extension ConfigReport {
    /// `{"file","line","column","path","code","message","hint"}`: one error or warning.
    static func jsonObject(file: String, position: SourcePosition?, path: ConfigPath, code: String, message: String,
                           hint: String?) -> String {
        let fields = [
            "\"file\":\(JSONText.string(file))",
            "\"line\":\(position.map { String($0.line) } ?? "null")",
            "\"column\":\(position.map { String($0.column) } ?? "null")",
            "\"path\":\(JSONText.string(path.components.isEmpty ? "" : path.description))",
            "\"code\":\(JSONText.string(code))",
            "\"message\":\(JSONText.string(message))",
            "\"hint\":\(hint.map(JSONText.string) ?? "null")",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }
}

/// JSON string literals, escaped per RFC 8259.
enum JSONText {
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}":
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
