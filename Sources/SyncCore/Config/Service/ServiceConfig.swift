/// `channelsync.json5`: the daemon's own settings, shared by every mapping. Holds
/// credential *names* only; secret values are read at start from files named so.
public struct ServiceConfig: Sendable, Hashable {
    /// Where the SQLite state lives; nil: `$STATE_DIRECTORY` (systemd `StateDirectory=`)
    /// or `/var/lib/channelsync`. See `stateDirectory(environment:)`.
    public var stateDirectory: String?
    /// Where credential files are looked up when `$CREDENTIALS_DIRECTORY` is unset
    /// (runs outside systemd, tests).
    public var credentialsDirectory: String?
    /// The APIs ChannelSync talks to, by unique name.
    public var remotes: [Remote]
    public var schedule: Schedule
    /// How `channelsync run` behaves: metrics file, stop/stall timeouts, circuit breaker.
    public var daemon: DaemonSettings
    /// Mapping files as written: relative paths are relative to the directory of
    /// `channelsync.json5` (see `ConfigLoader.resolve(_:relativeTo:)`).
    public var mappings: [String]

    public init(stateDirectory: String? = nil, credentialsDirectory: String? = nil, remotes: [Remote],
                schedule: Schedule = Schedule(), daemon: DaemonSettings = DaemonSettings(), mappings: [String]) {
        self.stateDirectory = stateDirectory
        self.credentialsDirectory = credentialsDirectory
        self.remotes = remotes
        self.schedule = schedule
        self.daemon = daemon
        self.mappings = mappings
    }

    public static let defaultStateDirectory = "/var/lib/channelsync"

    /// The configured directory, else `$STATE_DIRECTORY` (its first entry when
    /// systemd lists several), else `/var/lib/channelsync`.
    public func stateDirectory(environment: [String: String]) -> String {
        if let stateDirectory { return stateDirectory }
        if let fromSystemd = Self.firstPath(environment["STATE_DIRECTORY"]) { return fromSystemd }
        return Self.defaultStateDirectory
    }

    /// The file holding credential `name`: in `$CREDENTIALS_DIRECTORY` (systemd
    /// `LoadCredential=`), else in `credentialsDirectory`; nil when neither is set.
    public func credentialPath(_ name: String, environment: [String: String]) -> String? {
        guard let directory = Self.firstPath(environment["CREDENTIALS_DIRECTORY"]) ?? credentialsDirectory else { return nil }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    public func remote(named name: String) -> Remote? { remotes.first { $0.name == name } }

    /// systemd joins several directories with ':'; empty means unset.
    static func firstPath(_ value: String?) -> String? {
        guard let first = value?.split(separator: ":").first, !first.isEmpty else { return nil }
        return String(first)
    }
}
