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
        Self.annotation("error", file: file, position: position, path: path, message: message, hint: hint)
    }

    /// By file, then position (errors without one last), then key path.
    public static func < (a: ConfigError, b: ConfigError) -> Bool {
        order(file: a.file, position: a.position, path: a.path) < order(file: b.file, position: b.position, path: b.path)
    }

    /// `file:line:col: KIND: path: message (hint: …)`: an error's line, and the shape of
    /// `config check`'s warnings.
    public static func annotation(_ kind: String, file: String, position: SourcePosition?, path: ConfigPath,
                                  message: String, hint: String?) -> String {
        let location = position.map { "\(file):\($0.line):\($0.column)" } ?? file
        let where_ = path.components.isEmpty ? "" : "\(path): "
        let hintText = hint.map { " (hint: \($0))" } ?? ""
        return "\(location): \(kind): \(where_)\(message)\(hintText)"
    }

    /// What errors (and warnings) are sorted by: file, then position (none last), then key path.
    public static func order(file: String, position: SourcePosition?, path: ConfigPath) -> (String, Int, Int, String) {
        (file, position?.line ?? .max, position?.column ?? .max, path.description)
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
