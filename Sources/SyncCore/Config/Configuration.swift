/// A complete, validated configuration: the service settings and every mapping.
/// Only `ConfigLoader` makes one, so every rule `config check` enforces holds.
public struct Configuration: Sendable, Hashable {
    public var service: ServiceConfig
    /// In the order `service.mappings` lists their files.
    public var mappings: [Mapping]
    /// The file each mapping came from, resolved against the service file's directory.
    public var mappingFiles: [String]

    public init(service: ServiceConfig, mappings: [Mapping], mappingFiles: [String]) {
        self.service = service
        self.mappings = mappings
        self.mappingFiles = mappingFiles
    }

    public func mapping(named name: String) -> Mapping? { mappings.first { $0.name == name } }
}
