/// Every error a subcommand can end with; `CLI.run` turns each into a message
/// and an exit status in one place.
enum CLIError: Error, Equatable {
    /// The command line is wrong; `hint` suggests the fix.
    case usage(String, hint: String? = nil)
    /// The command ran and failed; the message is for the operator.
    case failure(String)

    var exitStatus: ExitStatus {
        switch self {
        case .usage: .usage
        case .failure: .failure
        }
    }
}
