/// A config that passed validation, with the runtime's part extracted. The
/// runtime never looks inside `config`; it hands it to each cycle.
public struct LoadedConfig<Config: Sendable>: Sendable {
    public var config: Config
    public var settings: RuntimeSettings

    public init(config: Config, settings: RuntimeSettings) {
        self.config = config
        self.settings = settings
    }
}
