import SyncCore

/// Finds the state directory for commands that act on a running daemon's files:
/// an explicit option, else `$STATE_DIRECTORY`, else the service config's
/// `stateDirectory`. Only the service file is read, so a broken mapping file
/// (the very thing a reload may be about) does not stop the command.
enum StateDirectoryOption {
    static func resolve(explicit: String?, configOption: String?, environment: [String: String]) throws(CLIError) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if configOption == nil, let systemd = environment["STATE_DIRECTORY"]?.split(separator: ":").first, !systemd.isEmpty {
            return String(systemd)
        }
        let location = ConfigLocation.resolve(option: configOption, environment: environment)
        switch ConfigFileReader.read(location.path) {
        case let .failure(failure):
            let reason = switch failure {
            case .notFound: "no such file"
            case let .tooLarge(bytes, limit): "\(bytes) bytes, over the \(limit)-byte limit"
            case let .unreadable(reason): reason
            }
            throw .failure("cannot read \(location.path) (from \(location.source.rawValue)) to find the state directory: \(reason); give --state-dir")
        case let .success(bytes):
            switch ConfigLoader.service(bytes, file: location.path) {
            case let .success(service):
                return service.stateDirectory(environment: environment)
            case let .failure(errors):
                let first = errors.errors.first.map(\.description) ?? "invalid"
                throw .failure("\(location.path) has errors (\(first)); give --state-dir")
            }
        }
    }
}
