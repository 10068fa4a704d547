/// One subcommand: parsed and validated in `init`, carried out by `run`.
/// (The swift-argument-parser shape, without the dependency.)
protocol Command {
    /// The words that select it, e.g. `["config", "check"]`.
    static var path: [String] { get }
    /// One line for the subcommand list.
    static var summary: String { get }
    /// Usage and options, printed by `channelsync help …` and `… --help`.
    static var help: String { get }

    init(arguments: inout Arguments) throws
    func run(console: Console) throws -> ExitStatus
}

extension Command {
    static var name: String { path.joined(separator: " ") }
}
