/// Connector options are free-form (the connector validates them at start), but
/// they must not smuggle in secrets.
enum OptionsRule {
    static func value(_ node: JSON5Node, key: String, at path: ConfigPath, with decoder: ConfigDecoder) -> JSONValue? {
        if LiteralSecret.isSecretKeyName(key) {
            decoder.report(.literalSecret(why: "the key '\(Quote.safe(key))' holds a secret"), node: node, path: path)
            return nil
        }
        return value(node, at: path, with: decoder)
    }

    private static func value(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> JSONValue? {
        switch node.kind {
        case let .string(text):
            if let why = LiteralSecret.reason(text) {
                decoder.report(.literalSecret(why: why), node: node, path: path)
                return nil
            }
            return .string(text)
        case let .array(elements):
            return .array(elements.enumerated().compactMap { index, element in value(element, at: path.appending(index), with: decoder) })
        case let .object(members):
            var object: [String: JSONValue] = [:]
            for member in members {
                object[member.key] = Self.value(member.value, key: member.key, at: path.appending(member.key), with: decoder)
            }
            return .object(object)
        default:
            return decoder.scalar(node, at: path)
        }
    }
}
