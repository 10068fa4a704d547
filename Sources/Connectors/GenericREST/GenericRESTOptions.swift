import SyncCore

/// The settings of a `dialect: "rest"` remote, read from its `options`. The generic
/// connector is configured, not coded: every endpoint, where records and ids sit in
/// responses, and how pages follow each other are keys here (documented in
/// config/README.md, example in config/examples/generic-rest.json5).
///
/// `objects.<name>` overrides any key for one object (the mapping's `prm.object` or
/// `crm.object`); everything else applies to every object.
public struct GenericRESTOptions: Sendable, Hashable {
    /// `Authorization: <scheme> <token>` for `auth.kind: bearer` (`Bearer`, `Token`, …).
    public internal(set) var authScheme: String
    /// Statuses that mean "your credentials are wrong" on this API (401, and often 403).
    public internal(set) var authFailureStatuses: Set<Int>
    var defaults: GenericRESTSettings
    var objects: [String: GenericRESTSettings]

    /// Every problem with `options`, each naming its key path (`options.paging.style: …`),
    /// for `channelsync config check`. Empty when the options are usable. Pure.
    public static func validate(_ options: [String: JSONValue]) -> [String] {
        switch parse(options) {
        case .success: []
        case .failure(let problems): problems.problems
        }
    }

    /// The options, or every problem with them.
    public static func parse(_ options: [String: JSONValue]) -> Result<GenericRESTOptions, GenericRESTOptionProblems> {
        let reader = OptionReader(options)
        reader.allowOnly(topLevelKeys + GenericRESTSettings.keys)
        let scheme = reader.string("authScheme") ?? "Bearer"
        if reader.has("authScheme"), !KeyAuthentication.isToken(scheme) {
            reader.report("authScheme", "'\(scheme)' is not a single word of letters, digits or -._")
        }
        let statuses = Self.statuses(reader, "authFailureStatuses") ?? [401, 403]
        let base = options.filter { !topLevelKeys.contains($0.key) }
        let defaults = GenericRESTSettings.read(reader)
        var objects: [String: GenericRESTSettings] = [:]
        let baseProblems = Set(reader.found)
        if let overrides = reader.object("objects") {
            for name in overrides.members.keys.sorted() {
                guard let object = overrides.object(name) else { continue }
                object.allowOnly(GenericRESTSettings.keys)
                // Read the merged settings on their own, and keep only problems the
                // top level does not already report.
                let merged = OptionReader(Self.merge(base, over: object.members), path: object.path)
                let settings = GenericRESTSettings.read(merged)
                for problem in merged.found {
                    let asTopLevel = "options" + problem.dropFirst(object.path.count)
                    if !baseProblems.contains(asTopLevel) { reader.add(problem) }
                }
                if let settings { objects[name] = settings }
            }
        }
        guard reader.found.isEmpty, let defaults else {
            return .failure(GenericRESTOptionProblems(problems: reader.found))
        }
        return .success(GenericRESTOptions(authScheme: scheme, authFailureStatuses: statuses, defaults: defaults,
                                           objects: objects))
    }

    static let topLevelKeys = ["authScheme", "authFailureStatuses", "objects"]

    /// The settings for `object`: its override, or the defaults.
    func settings(for object: String) -> GenericRESTSettings {
        objects[object] ?? defaults
    }

    /// `override` laid over `base`, objects merged key by key.
    static func merge(_ base: [String: JSONValue], over override: [String: JSONValue]) -> [String: JSONValue] {
        var out = base
        for (key, value) in override {
            if case .object(let inner) = value, case .object(let outer)? = out[key] {
                out[key] = .object(merge(outer, over: inner))
            } else {
                out[key] = value
            }
        }
        return out
    }

    private static func statuses(_ reader: OptionReader, _ key: String) -> Set<Int>? {
        guard reader.has(key) else { return nil }
        guard case .array(let elements)? = reader.members[key], !elements.isEmpty else {
            reader.report(key, "must be a non-empty list of HTTP statuses, e.g. [401, 403]")
            return nil
        }
        var out = Set<Int>()
        for element in elements {
            guard let status = element.int64Value, (400...499).contains(status), case .number = element else {
                reader.report(key, "\(OptionReader.describe(element)) is not a 4xx HTTP status")
                continue
            }
            out.insert(Int(status))
        }
        return out
    }
}
