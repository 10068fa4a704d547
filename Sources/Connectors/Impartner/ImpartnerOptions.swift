import SyncCore

/// The settings of an `impartner` remote, from its `options` (all optional):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `apiPath` | `/prm/api/objects/v1` | the object API below the base URL |
/// | `pageSize` | 500 | `take` per list request, 1–500 |
/// | `authScheme` | `prm-key` | `Authorization: <scheme> <token>` for `auth.kind: bearer` (`Bearer` for OAuth-style tokens) |
/// | `modifiedField` | `updated` | the modification time filtered and ordered on |
/// | `overlapMemory` | 10000 | most `(id, modstamp)` pairs a cursor remembers for the overlap window |
public struct ImpartnerOptions: Sendable, Hashable {
    public var apiPath = "/prm/api/objects/v1"
    public var pageSize = 500
    public var authScheme = "prm-key"
    public var modifiedField = "updated"
    public var overlapMemory = 10_000

    public init() {}

    /// Every problem with `options`, each naming its key path; empty when usable. Pure.
    public static func validate(_ options: [String: JSONValue]) -> [String] {
        read(options).problems
    }

    static func read(_ options: [String: JSONValue]) -> (options: ImpartnerOptions, problems: [String]) {
        let reader = OptionReader(options)
        reader.allowOnly(["apiPath", "pageSize", "authScheme", "modifiedField", "overlapMemory"])
        var out = ImpartnerOptions()
        if let path = reader.string("apiPath") {
            if path.hasPrefix("/"), !path.contains("?"), !path.contains(where: \.isWhitespace) {
                out.apiPath = path.hasSuffix("/") ? String(path.dropLast()) : path
            } else {
                reader.report("apiPath", "must be a path starting with '/', got '\(path)'")
            }
        }
        out.pageSize = reader.integer("pageSize", in: 1...500) ?? out.pageSize
        if let scheme = reader.string("authScheme") {
            if KeyAuthentication.isToken(scheme) { out.authScheme = scheme } else {
                reader.report("authScheme", "'\(scheme)' is not a single word of letters, digits or -._")
            }
        }
        if let field = reader.string("modifiedField") {
            if ImpartnerQuery.isPath(field) { out.modifiedField = field } else {
                reader.report("modifiedField", "'\(field)' is not a field name")
            }
        }
        out.overlapMemory = reader.integer("overlapMemory", in: 0...1_000_000) ?? out.overlapMemory
        return (out, reader.found)
    }
}
