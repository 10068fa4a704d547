import Connectors
import SyncCore

/// Loads and validates the whole configuration the way every command that runs
/// mappings must: the pure SyncCore checks, then each connector's own check of its
/// remote's `options` (keys SyncCore cannot know).
enum ConfigurationLoading {
    static func load(path: String) -> Result<Configuration, ConfigErrors> {
        let loaded = ConfigLoader.load(path: path, read: ConfigFileReader.read)
        guard case let .success(configuration) = loaded else { return loaded }
        var errors: [ConfigError] = []
        for (index, remote) in configuration.service.remotes.enumerated() {
            for problem in DialectOptions.validate(remote) {
                errors.append(ConfigError(file: path, position: nil, path: ConfigPath.root / "remotes" / index,
                                          problem: .connectorOption(problem)))
            }
        }
        return errors.isEmpty ? loaded : .failure(ConfigErrors(errors))
    }

    /// For commands that run mappings: the configuration, or a failure listing every
    /// error the way `config check` prints them.
    static func loadForRunning(_ location: ConfigLocation) throws(CLIError) -> Configuration {
        let report = ConfigReport(configPath: location.path, result: load(path: location.path))
        switch report.result {
        case let .success(configuration): return configuration
        case .failure:
            throw .failure((report.errorLines + [report.summary + " (run channelsync config check)"]).joined(separator: "\n"))
        }
    }
}
