import SyncCore

/// The settings of a `dataverse` remote, from its `options` (all optional):
///
/// | key | default | meaning |
/// |---|---|---|
/// | `apiPath` | `/api/data/v9.2` | the Web API below the environment URL |
/// | `pageSize` | 5000 | `Prefer: odata.maxpagesize`, 1–5000 |
/// | `batchSize` | 1000 | requests per `$batch`, 1–1000 |
/// | `primaryKeys` | — | entity set → primary key column, for sets whose key is not the singular + `id` (`opportunities` → `opportunityid`) |
public struct DataverseOptions: Sendable, Hashable {
    public var apiPath = "/api/data/v9.2"
    public var pageSize = 5000
    public var batchSize = 1000
    public var primaryKeys: [String: String] = [:]

    public init() {}

    /// Every problem with `options`, each naming its key path; empty when usable. Pure.
    public static func validate(_ options: [String: JSONValue]) -> [String] {
        read(options).problems
    }

    static func read(_ options: [String: JSONValue]) -> (options: DataverseOptions, problems: [String]) {
        let reader = OptionReader(options)
        reader.allowOnly(["apiPath", "pageSize", "batchSize", "primaryKeys"])
        var out = DataverseOptions()
        out.apiPath = reader.apiPath("apiPath") ?? out.apiPath
        out.pageSize = reader.integer("pageSize", in: 1...5000) ?? out.pageSize
        out.batchSize = reader.integer("batchSize", in: 1...1000) ?? out.batchSize
        if let keys = reader.object("primaryKeys") {
            for name in keys.members.keys.sorted() {
                guard name.isPlainPathSegment else {
                    keys.report(name, "'\(name)' is not an entity set name")
                    continue
                }
                if let column = keys.string(name, required: true) {
                    guard OptionReader.isIdentifier(column) else {
                        keys.report(name, "'\(column)' is not a column name")
                        continue
                    }
                    out.primaryKeys[name] = column
                }
            }
        }
        return (out, reader.found)
    }

    /// The primary key column of an entity set: configured, or the singular + `id`
    /// (`opportunities` → `opportunityid`, `accounts` → `accountid`).
    func primaryKey(of entitySet: String) -> String {
        if let configured = primaryKeys[entitySet] { return configured }
        if entitySet.hasSuffix("ies") { return entitySet.dropLast(3) + "yid" }
        if entitySet.hasSuffix("s") { return entitySet.dropLast() + "id" }
        return entitySet + "id"
    }
}
