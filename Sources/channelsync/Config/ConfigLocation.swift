import Foundation

/// Where the service config is, decided the same way by every command that reads
/// it (`config check`, `run`, `once`, the ops commands that need the state directory).
struct ConfigLocation: Equatable {
    /// What decided the path, for messages such as "no config at … (from $CHANNELSYNC_CONFIG)".
    enum Source: String, Equatable {
        case option = "--config"
        case environment = "$CHANNELSYNC_CONFIG"
        case systemd = "$CONFIGURATION_DIRECTORY"
        case workingDirectory = "./config"
        case system = "/etc/channelsync"
    }

    let path: String
    let source: Source

    static let fileName = "channelsync.json5"
    static let systemPath = "/etc/channelsync/channelsync.json5"
    static let workingDirectoryPath = "config/channelsync.json5"

    /// `--config PATH`, else `$CHANNELSYNC_CONFIG`, else
    /// `$CONFIGURATION_DIRECTORY/channelsync.json5` (systemd `ConfigurationDirectory=`,
    /// first entry), else `./config/channelsync.json5` if it exists, else
    /// `/etc/channelsync/channelsync.json5`. Empty values count as unset.
    static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                        fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> ConfigLocation {
        if let option, !option.isEmpty { return ConfigLocation(path: option, source: .option) }
        if let path = environment["CHANNELSYNC_CONFIG"], !path.isEmpty { return ConfigLocation(path: path, source: .environment) }
        if let directories = environment["CONFIGURATION_DIRECTORY"], let first = directories.split(separator: ":").first, !first.isEmpty {
            let directory = first.hasSuffix("/") ? String(first.dropLast()) : String(first)
            return ConfigLocation(path: directory + "/" + fileName, source: .systemd)
        }
        if fileExists(workingDirectoryPath) { return ConfigLocation(path: workingDirectoryPath, source: .workingDirectory) }
        return ConfigLocation(path: systemPath, source: .system)
    }

    /// The paragraph command help prints about `--config`.
    static let documentation = """
      The config file is, in order: --config PATH; else $CHANNELSYNC_CONFIG; else
      $CONFIGURATION_DIRECTORY/channelsync.json5 (systemd ConfigurationDirectory=);
      else ./config/channelsync.json5 if it exists; else /etc/channelsync/channelsync.json5.
      Mapping files listed in it are relative to its directory.
    """
}
