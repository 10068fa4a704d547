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
        let location = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        let where_ = path.components.isEmpty ? "" : "\(path): "
        return "\(location): warning: \(where_)\(message)" + (hint.map { " (hint: \($0))" } ?? "")
    }

    /// By file, then position, then key path (as errors are sorted).
    static func < (a: ConfigWarning, b: ConfigWarning) -> Bool {
        if a.file != b.file { return a.file < b.file }
        let lineA = a.position?.line ?? .max, lineB = b.position?.line ?? .max
        if lineA != lineB { return lineA < lineB }
        return a.path.description < b.path.description
    }
}
