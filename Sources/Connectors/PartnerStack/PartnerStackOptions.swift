import SyncCore

/// The settings of a `partnerstack` remote, from its `options` (all optional):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `apiPath` | `/api/v2` | the API below the base URL |
/// | `pageSize` | 250 | `limit` per list request, 1–250 |
/// | `overlapMemory` | 10000 | most `(key, updated_at)` pairs a cursor remembers for the overlap window |
public struct PartnerStackOptions: Sendable, Hashable {
    public var apiPath = "/api/v2"
    public var pageSize = 250
    public var overlapMemory = 10_000

    public init() {}

    /// Every problem with `options`, each naming its key path; empty when usable. Pure.
    public static func validate(_ options: [String: JSONValue]) -> [String] {
        read(options).problems
    }

    static func read(_ options: [String: JSONValue]) -> (options: PartnerStackOptions, problems: [String]) {
        let reader = OptionReader(options)
        reader.allowOnly(["apiPath", "pageSize", "overlapMemory"])
        var out = PartnerStackOptions()
        if let path = reader.string("apiPath") {
            if path.hasPrefix("/"), !path.contains("?"), !path.contains(where: \.isWhitespace) {
                out.apiPath = path.hasSuffix("/") ? String(path.dropLast()) : path
            } else {
                reader.report("apiPath", "must be a path starting with '/', got '\(path)'")
            }
        }
        out.pageSize = reader.integer("pageSize", in: 1...250) ?? out.pageSize
        out.overlapMemory = reader.integer("overlapMemory", in: 0...1_000_000) ?? out.overlapMemory
        return (out, reader.found)
    }
}
