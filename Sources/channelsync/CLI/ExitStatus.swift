/// Process exit codes; the table is printed by `channelsync --help`.
enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    /// `once --dry-run` found changes to make.
    case changesPending = 2
    /// Bad command line (BSD `EX_USAGE`).
    case usage = 64

    static let documentation = """
      0   success
      1   failure (the error is printed on stderr)
      2   a dry run found changes to make
      64  usage error: unknown subcommand, unknown flag, bad value
    """
}
