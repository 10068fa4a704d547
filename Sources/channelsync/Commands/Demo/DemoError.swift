/// Why `channelsync demo` did not end well. Messages name the step and what was
/// expected; none carries a secret or a person's email.
enum DemoError: Error, Equatable, CustomStringConvertible {
    /// The shipped config no longer contains text the demo edits (see `DemoConfigEdit`).
    case shippedConfigChanged(missing: String)
    /// The sandbox could not be seeded or could not listen on loopback.
    case sandbox(String)
    /// A story step's expected end state was not reached before the deadline.
    case notConverged(step: String, expected: String, seconds: Int)
    /// After the story, linked records still disagree (one line per problem).
    case disagreement([String])
    /// The story could not find a record it needs to act on.
    case missingRecord(String)
    /// Ctrl-C (or SIGTERM) stopped the daemon before the story finished.
    case interrupted

    var description: String {
        switch self {
        case let .shippedConfigChanged(missing):
            "the embedded config has no '\(missing)' to edit for the sandbox (run `make embedded-config` and adapt DemoConfigEdit)"
        case let .sandbox(reason):
            "sandbox: \(reason)"
        case let .notConverged(step, expected, seconds):
            "step '\(step)' did not converge within \(seconds) s: expected \(expected)"
        case let .disagreement(problems):
            "the two sides disagree after the story:\n  " + problems.prefix(20).joined(separator: "\n  ")
                + (problems.count > 20 ? "\n  … and \(problems.count - 20) more" : "")
        case let .missingRecord(what):
            "the seeded data has no \(what)"
        case .interrupted:
            "interrupted before the story finished"
        }
    }
}
