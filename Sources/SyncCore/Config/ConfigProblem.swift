/// Everything `config check` can find wrong, each with what an admin needs to fix
/// it. Messages never quote a value that looks like a secret.
public enum ConfigProblem: Hashable, Sendable {
    // The file itself.
    case notFound
    case unreadable(reason: String)
    case syntax(JSON5SyntaxError.Reason)
    case duplicateKey(String, first: SourcePosition)

    // Shape: keys and types.
    case unknownKey(String, suggestion: String?, allowed: [String])
    case missingKey(String)
    case wrongType(expected: String, found: String)
    case nonFiniteNumber(String)
    /// A word from a fixed list (`direction`, `dialect`, …) that is not on it.
    case notOneOf(String, allowed: [String], suggestion: String?)
    /// A well-typed value that breaks a rule: `rule` says which.
    case invalidValue(String, rule: String, hint: String)
    case emptyList(what: String)

    // Meaning: how the pieces fit together.
    case duplicateName(kind: String, name: String, first: String)
    case unknownRemote(String, suggestion: String?, known: [String])
    case unknownField(String, suggestion: String?, usedIn: String)
    case duplicatePath(side: Side, path: String, otherField: String)
    /// Two or more native values read as `canonical` and nothing says which to write back.
    case nonInvertibleMap(side: Side, canonical: String, natives: [String])
    /// Canonical values that can reach `side` but have no native value there.
    case unwritableValues(side: Side, canonical: [String])
    case manualPolicyOnOneWayField(Direction)
    case directionNeedsPath(Direction, side: Side)
    case noPath
    case transformNotForType(transform: String, type: FieldType)
    case conflictingTransforms(String)
    case notCanonical(String, field: String, values: [String], suggestion: String?)
    case matchKeyNotOnBothSides(field: String, side: Side)
    /// A secret written into the file instead of a credential name.
    case literalSecret(why: String)
    /// A dialect-specific `options` problem found by the connector's own validation
    /// (SyncCore cannot know each connector's keys); `detail` starts with its key path.
    case connectorOption(String)

    /// A short stable identifier, for `--json` consumers.
    public var code: String {
        switch self {
        case .connectorOption: "connectorOption"
        case .notFound: "notFound"
        case .unreadable: "unreadable"
        case .syntax: "syntax"
        case .duplicateKey: "duplicateKey"
        case .unknownKey: "unknownKey"
        case .missingKey: "missingKey"
        case .wrongType: "wrongType"
        case .nonFiniteNumber: "nonFiniteNumber"
        case .notOneOf: "notOneOf"
        case .invalidValue: "invalidValue"
        case .emptyList: "emptyList"
        case .duplicateName: "duplicateName"
        case .unknownRemote: "unknownRemote"
        case .unknownField: "unknownField"
        case .duplicatePath: "duplicatePath"
        case .nonInvertibleMap: "nonInvertibleMap"
        case .unwritableValues: "unwritableValues"
        case .manualPolicyOnOneWayField: "manualPolicyOnOneWayField"
        case .directionNeedsPath: "directionNeedsPath"
        case .noPath: "noPath"
        case .transformNotForType: "transformNotForType"
        case .conflictingTransforms: "conflictingTransforms"
        case .notCanonical: "notCanonical"
        case .matchKeyNotOnBothSides: "matchKeyNotOnBothSides"
        case .literalSecret: "literalSecret"
        }
    }

    public var message: String {
        switch self {
        case .notFound: "file not found"
        case let .unreadable(reason): "cannot read the file: \(reason)"
        case let .syntax(reason): reason.message
        case let .duplicateKey(key, first): "duplicate key '\(Quote.safe(key))' (first at line \(first.line))"
        case let .unknownKey(key, _, _): "unknown key '\(Quote.safe(key))'"
        case let .missingKey(key): "missing required key '\(key)'"
        case let .wrongType(expected, found): "expected \(expected), found \(found)"
        case let .nonFiniteNumber(text): "\(text) is not allowed here"
        case let .notOneOf(value, allowed, _): "'\(Quote.safe(value))' is not one of \(Quote.list(allowed))"
        case let .invalidValue(value, rule, _): value.isEmpty ? rule : "'\(Quote.safe(value))' \(rule)"
        case let .connectorOption(detail): detail
        case let .emptyList(what): "\(what) must not be empty"
        case let .duplicateName(kind, name, first): "duplicate \(kind) '\(Quote.safe(name))' (already used by \(first))"
        case let .unknownRemote(name, _, _): "no remote named '\(Quote.safe(name))' in the service config"
        case let .unknownField(name, _, usedIn): "\(usedIn) uses '\(Quote.safe(name))', which is not a field of this mapping"
        case let .duplicatePath(side, path, other):
            "\(side) path '\(Quote.safe(path))' is already used by field '\(other)'"
        case let .nonInvertibleMap(side, canonical, natives):
            "the \(side) value map is not invertible: \(Quote.list(natives)) \(natives.count == 2 ? "both" : "all") read as '\(Quote.safe(canonical))', so the value to write back is ambiguous"
        case let .unwritableValues(side, canonical):
            "canonical \(canonical.count == 1 ? "value" : "values") \(Quote.list(canonical)) can reach the \(side) but \(canonical.count == 1 ? "has" : "have") no \(side) value to write"
        case let .manualPolicyOnOneWayField(direction):
            "policy 'manual' needs a two-way field, but direction is '\(direction.rawValue)'"
        case let .directionNeedsPath(direction, side):
            "direction '\(direction.rawValue)' writes this field to the \(side), but it has no \(side.rawValue) path"
        case .noPath: "the field has neither a crm nor a prm path"
        case let .transformNotForType(transform, type): "transform '\(transform)' does not apply to a field of type '\(type.rawValue)'"
        case let .conflictingTransforms(why): why
        case let .notCanonical(value, field, _, _): "'\(Quote.safe(value))' is not a canonical value of field '\(field)'"
        case let .matchKeyNotOnBothSides(field, side): "match key field '\(field)' has no \(side.rawValue) path, so it cannot match records"
        case let .literalSecret(why): "this looks like a secret written into the config (\(why))"
        }
    }

    public var hint: String? {
        switch self {
        case .notFound: "check the path; mapping paths are relative to the directory of channelsync.json5"
        case .unreadable: "check the file's permissions"
        case let .syntax(reason): reason.hint
        case .duplicateKey: "remove one of them; only the first counts"
        case let .unknownKey(key, suggestion, allowed):
            if let suggestion { "did you mean '\(suggestion)'?" } else if allowed.isEmpty { "remove '\(Quote.safe(key))'" } else { "allowed keys here: \(allowed.joined(separator: ", "))" }
        case let .missingKey(key): "add '\(key)'"
        case .wrongType: nil
        case .nonFiniteNumber: "write a finite number"
        case let .notOneOf(_, allowed, suggestion):
            suggestion.map { "did you mean '\($0)'?" } ?? "use one of \(allowed.joined(separator: ", "))"
        case let .invalidValue(_, _, hint): hint
        case .connectorOption: "see the dialect's options in config/README.md"
        case .emptyList: "add at least one entry"
        case .duplicateName: "names must be unique; rename one"
        case let .unknownRemote(_, suggestion, known):
            suggestion.map { "did you mean '\($0)'?" } ?? (known.isEmpty ? "declare it under 'remotes' in channelsync.json5" : "known remotes: \(known.joined(separator: ", "))")
        case let .unknownField(_, suggestion, _): suggestion.map { "did you mean '\($0)'?" } ?? "declare it under 'fields' first"
        case .duplicatePath: "map each native path to one canonical field; two fields writing one path would overwrite each other"
        case let .nonInvertibleMap(side, canonical, natives):
            "add a 'write' entry to the \(side.rawValue)Transforms value map choosing one, e.g. write: { \"\(Quote.safe(canonical))\": \"\(Quote.safe(natives.first ?? ""))\" }, or make the field one-way"
        case let .unwritableValues(side, canonical):
            "add them to the \(side.rawValue)Transforms value map, or add write: { \"\(Quote.safe(canonical.first ?? ""))\": \"…\" }"
        case .manualPolicyOnOneWayField: "use direction 'both', or a policy of crm, prm or newest"
        case let .directionNeedsPath(_, side): "add a '\(side.rawValue)' path, or set the direction to \(side == .crm ? "'toPRM'" : "'toCRM'")"
        case .noPath: "add 'crm' and/or 'prm' with the field's path on that side"
        case .transformNotForType: "remove it, or change the field's type"
        case .conflictingTransforms: "keep one"
        case let .notCanonical(_, _, values, suggestion):
            suggestion.map { "did you mean '\($0)'?" } ?? "canonical values: \(values.joined(separator: ", "))"
        case .matchKeyNotOnBothSides(_, let side): "add a \(side.rawValue) path to the field, or drop it from matchKeys"
        case .literalSecret:
            "never put secrets in config files: store it as a systemd credential (LoadCredential=NAME:/path or SetCredentialEncrypted=) and put NAME under auth.credentials"
        }
    }
}
