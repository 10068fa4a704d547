import Foundation

/// Checks an API URL: http(s), a host, no credentials in it, and TLS unless the
/// host is this machine (the sandbox). Returns it without a trailing slash.
enum URLRule {
    static func check(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> String? {
        guard let text = decoder.nonEmptyString(node, at: path) else { return nil }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            decoder.report(.invalidValue(text, rule: "is not an absolute URL", hint: "e.g. \"https://example.my.salesforce.com\""),
                           node: node, path: path)
            return nil
        }
        if components.user != nil || components.password != nil {
            decoder.report(.literalSecret(why: "the URL contains a user name or password"), node: node, path: path)
            return nil
        }
        if let items = components.queryItems,
           items.contains(where: { LiteralSecret.isSecretKeyName($0.name) || ($0.value.flatMap(LiteralSecret.reason) != nil) }) {
            decoder.report(.literalSecret(why: "the URL's query carries a key or token"), node: node, path: path)
            return nil
        }
        guard scheme == "https" || scheme == "http" else {
            decoder.report(.invalidValue(text, rule: "must use https", hint: "write https://…"), node: node, path: path)
            return nil
        }
        if scheme == "http", !isLoopback(host) {
            decoder.report(.invalidValue(text, rule: "uses plain http to a remote host, which would send credentials unencrypted",
                                         hint: "use https (plain http is allowed for 127.0.0.1, ::1 and localhost only)"),
                           node: node, path: path)
            return nil
        }
        return text.hasSuffix("/") ? String(text.dropLast()) : text
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}
