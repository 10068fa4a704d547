import Foundation

/// The secret values one request carries, so they can be removed from free text that did
/// not come from us: curl's error buffer, a response body that echoes a header back.
struct SecretScrubber: Sendable {
    /// Shorter values are still hidden wherever they appear as a header or query value, but
    /// are not searched for in free text, where they would mangle ordinary words and numbers.
    static let minimumScrubbedLength = 4

    private(set) var secrets: [String]

    init(secrets: [String]) {
        let usable = Set(secrets.filter { $0.count >= Self.minimumScrubbedLength })
        // Longest first, so a token is removed before any shorter secret inside it.
        self.secrets = usable.sorted { $0.count > $1.count }
    }

    init(request: HTTPRequest, redaction: Redaction) {
        var found: [String] = request.secretValues
        for (name, value) in request.headers where redaction.isSecretHeader(name) {
            found.append(value)
            found.append(contentsOf: Self.credentialParts(of: value))
        }
        for item in request.query where redaction.isSecretQueryParameter(item.name) {
            if let value = item.value { found.append(value) }
        }
        found.append(contentsOf: Self.secretsInURL(request.url, redaction: redaction))
        // The same values as they appear percent-encoded in a URL.
        found += found.map(PercentEncoding.encodeQueryComponent)
        self.init(secrets: found)
    }

    func scrub(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingAll(secret, with: Redaction.placeholder)
        }
        return result
    }

    /// "Bearer abc" → "abc"; "a=1; session=xyz" → "1", "xyz".
    private static func credentialParts(of value: String) -> [String] {
        var parts: [String] = []
        let words = value.split(separator: " ", maxSplits: 1)
        if words.count == 2 { parts.append(String(words[1])) }
        for cookie in value.split(separator: ";") {
            if let equals = cookie.firstIndex(of: "=") {
                parts.append(String(cookie[cookie.index(after: equals)...]).trimmingSpaces())
            }
        }
        return parts
    }

    private static func secretsInURL(_ url: String, redaction: Redaction) -> [String] {
        var found: [String] = []
        if let schemeEnd = url.endOfScheme() {
            let rest = url[schemeEnd...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            if let at = authority.lastIndex(of: "@") {
                let userInfo = authority[..<at]
                found.append(String(userInfo))
                found.append(contentsOf: userInfo.split(separator: ":").map(String.init))
            }
        }
        if let queryStart = url.firstIndex(of: "?") {
            let query = url[url.index(after: queryStart)...].prefix { $0 != "#" }
            for pair in query.split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = PercentEncoding.decodeQueryComponent(pair[..<equals])
                guard redaction.isSecretQueryParameter(name) else { continue }
                let raw = pair[pair.index(after: equals)...]
                found.append(String(raw))
                found.append(PercentEncoding.decodeQueryComponent(raw))
            }
        }
        if let hash = url.firstIndex(of: "#") {
            found.append(String(url[url.index(after: hash)...]))
        }
        return found
    }
}
