/// Checks a credential reference: a name such as `salesforce-client-secret`, never the secret.
enum CredentialRule {
    static func name(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> String? {
        guard let text = decoder.string(node, at: path) else { return nil }
        if let why = LiteralSecret.reasonAsCredentialName(text) {
            decoder.report(.literalSecret(why: why), node: node, path: path)
            return nil
        }
        guard LiteralSecret.isCredentialName(text) else {
            decoder.report(.invalidValue(text, rule: "is not a credential name",
                                         hint: "use 1-64 letters, digits, '_', '.', '@' or '-', e.g. \"salesforce-client-secret\"; the secret itself goes in $CREDENTIALS_DIRECTORY/<name>"),
                           node: node, path: path)
            return nil
        }
        return text
    }
}
