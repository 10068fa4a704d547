/// `channelsync version`: the same as `--version`, for scripts that prefer a word.
struct VersionCommand: Command {
    static let path = ["version"]
    static let summary = "Print the version"
    static let help = """
    USAGE: channelsync version

    Prints the version of this build.
    """

    init(arguments: inout Arguments) throws(CLIError) {}

    func run(console: Console) throws(CLIError) -> ExitStatus {
        console.out("channelsync \(CLI.version)")
        return .success
    }
}
