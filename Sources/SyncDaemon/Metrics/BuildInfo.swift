/// What is running, exported as `channelsync_build_info{version=…} 1` so
/// dashboards can tell which build produced the other numbers.
public struct BuildInfo: Sendable, Hashable {
    public var version: String

    public init(version: String) { self.version = version }
}
