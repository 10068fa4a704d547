import SyncCore

/// The settings of a `pipedrive` remote, from its `options` (all optional):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `apiPath` | `/api/v2` | the API below the base URL (`https://COMPANY.pipedrive.com`) |
/// | `pageSize` | 500 | `limit` per list request, 1–500 |
/// | `readsDeleted` | true | deals: list with `status=open,won,lost,deleted`, so deleted deals arrive as deletes |
/// | `overlapMemory` | 10000 | most `(id, update_time)` pairs a cursor remembers for the overlap window |
public struct PipedriveOptions: Sendable, Hashable {
    public var apiPath = "/api/v2"
    public var pageSize = 500
    public var readsDeleted = true
    public var overlapMemory = 10_000

    public init() {}

    /// Every problem with `options`, each naming its key path; empty when usable. Pure.
    public static func validate(_ options: [String: JSONValue]) -> [String] {
        read(options).problems
    }

    static func read(_ options: [String: JSONValue]) -> (options: PipedriveOptions, problems: [String]) {
        let reader = OptionReader(options)
        reader.allowOnly(["apiPath", "pageSize", "readsDeleted", "overlapMemory"])
        var out = PipedriveOptions()
        out.apiPath = reader.apiPath("apiPath") ?? out.apiPath
        out.pageSize = reader.integer("pageSize", in: 1...500) ?? out.pageSize
        out.readsDeleted = reader.bool("readsDeleted") ?? out.readsDeleted
        out.overlapMemory = reader.integer("overlapMemory", in: 0...1_000_000) ?? out.overlapMemory
        return (out, reader.found)
    }
}
