import SyncCore

/// The settings of a `zoho` remote, from its `options` (all optional):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `apiPath` | `/crm/v8` | the API below the data centre's API domain |
/// | `pageSize` | 200 | `per_page`, 1–200 |
/// | `readsDeleteFeed` | true | incremental pulls also read `/{module}/deleted` |
/// | `overlapMemory` | 10000 | most `(id, Modified_Time)` pairs a cursor remembers |
public struct ZohoOptions: Sendable, Hashable {
    public var apiPath = "/crm/v8"
    public var pageSize = 200
    public var readsDeleteFeed = true
    public var overlapMemory = 10_000

    public init() {}

    /// Every problem with `options`, each naming its key path; empty when usable. Pure.
    public static func validate(_ options: [String: JSONValue]) -> [String] {
        read(options).problems
    }

    static func read(_ options: [String: JSONValue]) -> (options: ZohoOptions, problems: [String]) {
        let reader = OptionReader(options)
        reader.allowOnly(["apiPath", "pageSize", "readsDeleteFeed", "overlapMemory"])
        var out = ZohoOptions()
        out.apiPath = reader.apiPath("apiPath") ?? out.apiPath
        out.pageSize = reader.integer("pageSize", in: 1...200) ?? out.pageSize
        out.readsDeleteFeed = reader.bool("readsDeleteFeed") ?? out.readsDeleteFeed
        out.overlapMemory = reader.integer("overlapMemory", in: 0...1_000_000) ?? out.overlapMemory
        return (out, reader.found)
    }
}
