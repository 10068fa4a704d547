import Foundation
import SyncCore
import SyncStore

/// Where the state database is, for the ops commands: `--db PATH`, else
/// `<stateDirectory>/channelsync.sqlite` from the service config (found the way
/// `config check` finds it), else `$STATE_DIRECTORY`, else `/var/lib/channelsync`.
struct DatabaseLocation: Equatable {
    let path: String
    /// What decided the path, for messages: "--db", "stateDirectory in FILE", …
    let origin: String

    /// Reads `--db` and `--config` from the arguments.
    static func parse(_ arguments: inout Arguments) throws(CLIError) -> (db: String?, config: String?) {
        let db = try arguments.option("--db")
        let config = try arguments.option("--config")
        if db?.isEmpty == true { throw .usage("--db needs a path") }
        if config?.isEmpty == true { throw .usage("--config needs a path") }
        if db != nil, config != nil { throw .usage("give --db or --config, not both") }
        return (db, config)
    }

    /// Resolves the path. A config that cannot be read does not stop a read: ops may
    /// need the journal most when an edit broke the config; a warning says so and the
    /// environment's default applies.
    static func resolve(db: String?, config: String?, console: Console,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws(CLIError) -> DatabaseLocation {
        if let db { return DatabaseLocation(path: db, origin: "--db") }
        let location = ConfigLocation.resolve(option: config, environment: environment)
        let explicit = location.source == .option || location.source == .environment
        switch ConfigFileReader.read(location.path) {
        case let .success(bytes):
            switch ConfigLoader.service(bytes, file: location.path) {
            case let .success(service):
                if let directory = service.stateDirectory {
                    return DatabaseLocation(path: join(directory), origin: "stateDirectory in \(location.path)")
                }
            case let .failure(errors):
                let first = errors.errors.first.map(\.description) ?? "invalid"
                console.err("channelsync: warning: cannot read stateDirectory from \(location.path) (\(first)); using the default location")
            }
        case .failure(.notFound) where !explicit:
            break
        case .failure(.notFound):
            throw .failure("no config at \(location.path) (from \(location.source.rawValue)); give --db PATH or a valid --config")
        case let .failure(problem):
            console.err("channelsync: warning: cannot read \(location.path) (\(describe(problem))); using the default location")
        }
        let fallback = ServiceConfig(remotes: [], mappings: [])
        let directory = fallback.stateDirectory(environment: environment)
        let origin = directory == ServiceConfig.defaultStateDirectory ? "the default state directory" : "$STATE_DIRECTORY"
        return DatabaseLocation(path: join(directory), origin: origin)
    }

    private static func join(_ directory: String) -> String {
        (directory.hasSuffix("/") ? directory : directory + "/") + SyncState.fileName
    }

    private static func describe(_ failure: ConfigLoader.ReadFailure) -> String {
        switch failure {
        case .notFound: "not found"
        case let .tooLarge(bytes, limit): "\(bytes) bytes, more than \(limit)"
        case let .unreadable(reason): reason
        }
    }

    /// The paragraph every ops command's help prints.
    static let documentation = """
      DATABASE:
        --db PATH        The state database file (channelsync.sqlite)
        --config PATH    The service config; the database is <stateDirectory>/channelsync.sqlite
      Without --db: stateDirectory from the config (found as by 'config check': --config,
      $CHANNELSYNC_CONFIG, $CONFIGURATION_DIRECTORY, ./config, /etc/channelsync), else
      $STATE_DIRECTORY, else /var/lib/channelsync.
    """
}
