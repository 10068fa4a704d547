/// One problem in one config file: where (file, line:column when known, key path)
/// and what (`problem`, which supplies the message and the fix hint).
public struct ConfigError: Error, Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file as the admin named it (the path given or resolved, not canonicalized).
    public var file: String
    public var position: SourcePosition?
    public var path: ConfigPath
    public var problem: ConfigProblem

    public init(file: String, position: SourcePosition?, path: ConfigPath = .root, problem: ConfigProblem) {
        self.file = file
        self.position = position
        self.path = path
        self.problem = problem
    }

    public var message: String { problem.message }
    public var hint: String? { problem.hint }

    /// `file:line:col: error: path: message (hint: …)`, the shape editors and CI
    /// annotators recognise.
    public var description: String {
        let location = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        let where_ = path.components.isEmpty ? "" : "\(path): "
        let hintText = hint.map { " (hint: \($0))" } ?? ""
        return "\(location): error: \(where_)\(message)\(hintText)"
    }

    /// By file, then position (errors without one last), then key path.
    public static func < (a: ConfigError, b: ConfigError) -> Bool {
        if a.file != b.file { return a.file < b.file }
        let lineA = a.position?.line ?? .max, lineB = b.position?.line ?? .max
        if lineA != lineB { return lineA < lineB }
        let columnA = a.position?.column ?? .max, columnB = b.position?.column ?? .max
        if columnA != columnB { return columnA < columnB }
        return a.path.description < b.path.description
    }
}

/// Every problem found in a configuration, sorted; thrown as one error so a caller
/// sees all of them at once.
public struct ConfigErrors: Error, Hashable, Sendable, CustomStringConvertible {
    public var errors: [ConfigError]

    public init(_ errors: [ConfigError]) {
        self.errors = errors.sorted()
    }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
