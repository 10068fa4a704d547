/// The content of `reload.status`: `key=value` lines, one `problem=` line per
/// problem (flattened to one line each).
public struct ReloadStatus: Sendable, Hashable {
    public enum Result: String, Sendable, Hashable {
        /// Written at start-up: no reload yet.
        case started
        case applied
        case rejected
    }

    public var pid: Int32
    public var generation: Int
    public var result: Result
    public var problems: [String]

    public init(pid: Int32, generation: Int, result: Result, problems: [String] = []) {
        self.pid = pid
        self.generation = generation
        self.result = result
        self.problems = problems
    }

    public func encoded() -> String {
        var text = "pid=\(pid)\ngeneration=\(generation)\nresult=\(result.rawValue)\n"
        for problem in problems {
            text += "problem=" + String(problem.map { $0.isNewline ? " " : $0 }) + "\n"
        }
        return text
    }

    /// Nil when a required key is missing or malformed (e.g. a file from another program).
    public static func parse(_ text: String) -> ReloadStatus? {
        var pid: Int32?
        var generation: Int?
        var result: Result?
        var problems: [String] = []
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals]
            let value = String(line[line.index(after: equals)...])
            switch key {
            case "pid": pid = Int32(value)
            case "generation": generation = Int(value)
            case "result": result = Result(rawValue: value)
            case "problem": problems.append(value)
            default: continue
            }
        }
        guard let pid, let generation, let result else { return nil }
        return ReloadStatus(pid: pid, generation: generation, result: result, problems: problems)
    }

    /// The outcome this status reports, or nil for `started`.
    public var outcome: ReloadOutcome? {
        switch result {
        case .started: nil
        case .applied: .applied(generation: generation)
        case .rejected: .rejected(generation: generation, problems: problems)
        }
    }
}
