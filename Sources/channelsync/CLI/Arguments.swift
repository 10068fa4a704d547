import SyncCore

/// The words after the subcommand name. Subcommands take what they know, then
/// `finish()` rejects whatever is left, suggesting the closest flag they asked for.
struct Arguments {
    private var tokens: [String]
    private var asked: [String] = []

    init(_ tokens: [String]) { self.tokens = tokens }

    var isEmpty: Bool { tokens.isEmpty }

    /// True when `name` (or one of its aliases) is present; removes it.
    mutating func flag(_ name: String, alias: String? = nil) -> Bool {
        asked.append(name)
        let names = [name] + (alias.map { [$0] } ?? [])
        guard let index = tokens.firstIndex(where: names.contains) else { return false }
        tokens.remove(at: index)
        return true
    }

    /// The value of `--name VALUE` or `--name=VALUE`; removes both words.
    mutating func option(_ name: String) throws(CLIError) -> String? {
        asked.append(name)
        for (index, token) in tokens.enumerated() {
            if token == name {
                guard index + 1 < tokens.count, !tokens[index + 1].hasPrefix("--") else {
                    throw .usage("\(name) needs a value")
                }
                let value = tokens[index + 1]
                tokens.removeSubrange(index...(index + 1))
                return value
            }
            if token.hasPrefix(name + "=") {
                tokens.remove(at: index)
                return String(token.dropFirst(name.count + 1))
            }
        }
        return nil
    }

    /// An option parsed into an integer within `range`.
    mutating func intOption(_ name: String, in range: ClosedRange<Int>) throws(CLIError) -> Int? {
        guard let text = try option(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .usage("\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    /// The next word that is not a flag; removes it.
    mutating func positional() -> String? {
        guard let index = tokens.firstIndex(where: { !$0.hasPrefix("-") || $0 == "-" }) else { return nil }
        return tokens.remove(at: index)
    }

    /// Fails on any word no one asked for.
    func finish() throws(CLIError) {
        guard let first = tokens.first else { return }
        if first.hasPrefix("-") {
            let name = String(first.split(separator: "=", maxSplits: 1)[0])
            let hint = Suggestion.closest(to: name, among: asked).map { "did you mean '\($0)'?" }
            throw .usage("unknown option '\(name)'", hint: hint)
        }
        throw .usage("unexpected argument '\(first)'")
    }
}
