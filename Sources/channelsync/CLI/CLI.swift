import SyncCore

/// Picks the subcommand, maps every error to a message and an exit status.
enum CLI {
    static let version = "0.1.0"

    static func run(_ words: [String], console: Console) -> ExitStatus {
        if words.isEmpty || words == ["--help"] || words == ["-h"] {
            console.out(overview)
            return words.isEmpty ? .usage : .success
        }
        if words == ["--version"] {
            console.out("channelsync \(version)")
            return .success
        }
        if words.first == "help" {
            return help(for: Array(words.dropFirst()), console: console)
        }
        guard let command = match(words) else {
            let attempted = words.prefix { !$0.hasPrefix("-") }.joined(separator: " ")
            let what = attempted.isEmpty ? "option '\(words[0])'" : "subcommand '\(attempted)'"
            let names = Commands.all.map { $0.name } + ["help"]
            let hint = Suggestion.closest(to: attempted.isEmpty ? words[0] : attempted, among: names)
                .map { "did you mean '\($0)'? " } ?? ""
            console.err("channelsync: unknown \(what). \(hint)See 'channelsync --help'.")
            return .usage
        }
        var arguments = Arguments(Array(words.dropFirst(command.path.count)))
        if arguments.flag("--help", alias: "-h") {
            console.out(command.help)
            return .success
        }
        do {
            return try execute(command, arguments: &arguments, console: console)
        } catch let error as CLIError {
            report(error, command: command, console: console)
            return error.exitStatus
        } catch {
            // Subcommands map their module errors to CLIError; this is the safety net.
            report(.failure(String(describing: error)), command: command, console: console)
            return .failure
        }
    }

    /// Opens the existential once, so parsing and running see the concrete type.
    /// (Swift 6.3 SILGen crashes on key paths over `any Command.Type`: use closures.)
    private static func execute<C: Command>(_: C.Type, arguments: inout Arguments, console: Console) throws -> ExitStatus {
        let command = try C(arguments: &arguments)
        try arguments.finish()
        return try command.run(console: console)
    }

    /// The longest registered path that prefixes `words`.
    static func match(_ words: [String]) -> (any Command.Type)? {
        Commands.all
            .filter { words.starts(with: $0.path) }
            .max { $0.path.count < $1.path.count }
    }

    private static func help(for words: [String], console: Console) -> ExitStatus {
        if words.isEmpty {
            console.out(overview)
            return .success
        }
        guard let command = match(words), command.path.count == words.count else {
            console.err("channelsync: no help for '\(words.joined(separator: " "))'. See 'channelsync --help'.")
            return .usage
        }
        console.out(command.help)
        return .success
    }

    private static func report(_ error: CLIError, command: any Command.Type, console: Console) {
        switch error {
        case let .usage(message, hint):
            let hintText = hint.map { " (\($0))" } ?? ""
            console.err("channelsync \(command.name): \(message)\(hintText). See 'channelsync help \(command.name)'.")
        case let .failure(message):
            console.err("channelsync \(command.name): \(message)")
        }
    }

    static var overview: String {
        let width = (Commands.all.map { $0.name.count } + [4]).max() ?? 4
        let list = Commands.all.map { "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)" }
        return """
        channelsync \(version) — keeps a CRM and a PRM (partner portal) in step for leads and deals.

        USAGE: channelsync <subcommand> [options]

        SUBCOMMANDS:
        \(list.joined(separator: "\n"))
          \("help".padding(toLength: width, withPad: " ", startingAt: 0))  Show help for a subcommand: channelsync help <subcommand>

        OPTIONS:
          -h, --help   Show this help (after a subcommand: that subcommand's help)
          --version    Print the version

        EXIT CODES:
        \(ExitStatus.documentation)
        """
    }
}
