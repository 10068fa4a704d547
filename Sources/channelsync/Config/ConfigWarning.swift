import SyncCore

/// Something `config check` points out in a valid config: it runs, but an admin should
/// know (and probably change) it. Printed like an error with `warning:`; never changes
/// the exit status.
struct ConfigWarning: Hashable, Comparable, CustomStringConvertible {
    var file: String
    var position: SourcePosition?
    var path: ConfigPath
    /// A stable word for scripts (`--json`), like `ConfigProblem.code`.
    var code: String
    var message: String
    var hint: String?

    /// `FILE:LINE:COL: warning: KEY.PATH: MESSAGE (hint: FIX)`, as errors are printed.
    var description: String {
        ConfigError.annotation("warning", file: file, position: position, path: path, message: message, hint: hint)
    }

    /// As errors are sorted (`ConfigError.order`).
    static func < (a: ConfigWarning, b: ConfigWarning) -> Bool {
        ConfigError.order(file: a.file, position: a.position, path: a.path)
            < ConfigError.order(file: b.file, position: b.position, path: b.path)
    }
}
