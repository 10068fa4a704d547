import Foundation

/// Which header and query-parameter values of a remote are secret. Secret values are
/// replaced by `Redaction.placeholder` in every error, log line and debug description.
///
/// `Authorization`, `Proxy-Authorization`, `Cookie` and `Set-Cookie` are always secret and
/// cannot be unmarked; common token parameter names are secret by default. A remote adds its
/// own (e.g. `X-Api-Key`, `hapikey`).
public struct Redaction: Sendable, Equatable {
    public static let placeholder = "[REDACTED]"

    public static let alwaysSecretHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie",
    ]

    public static let defaultSecretQueryParameters: Set<String> = [
        "access_token", "refresh_token", "id_token", "client_secret", "password", "api_key",
        "apikey", "hapikey", "token", "secret", "signature", "sig", "code",
    ]

    /// Lowercased names.
    public private(set) var secretHeaders: Set<String>
    /// Lowercased names, compared case-insensitively.
    public private(set) var secretQueryParameters: Set<String>
    /// When set, every query value is masked (used where the remote's rules are unknown).
    private(set) var masksEveryQueryValue = false

    /// Adds `secretHeaders` and `secretQueryParameters` to the always-secret headers and the
    /// default secret parameter names.
    public init(secretHeaders: [String] = [], secretQueryParameters: [String] = []) {
        self.secretHeaders = Self.alwaysSecretHeaders.union(secretHeaders.map { $0.lowercased() })
        self.secretQueryParameters = Self.defaultSecretQueryParameters.union(
            secretQueryParameters.map { $0.lowercased() })
    }

    public static let standard = Redaction()

    static let maskingAllQueryValues: Redaction = {
        var redaction = Redaction()
        redaction.masksEveryQueryValue = true
        return redaction
    }()

    public func isSecretHeader(_ name: String) -> Bool {
        secretHeaders.contains(name.lowercased())
    }

    public func isSecretQueryParameter(_ name: String) -> Bool {
        masksEveryQueryValue || secretQueryParameters.contains(name.lowercased())
    }

    /// The headers with secret values replaced.
    public func redact(_ headers: HTTPHeaders) -> HTTPHeaders {
        headers.mapValues { name, value in isSecretHeader(name) ? Self.placeholder : value }
    }

    /// The URL without user info and with secret query values replaced; everything else is
    /// kept byte for byte so an operator can still recognise the endpoint.
    public func redactURL(_ url: String) -> String {
        var rest = Substring(url)
        var out = ""
        if let schemeEnd = rest.range(of: "://") {
            out += rest[..<schemeEnd.upperBound]
            rest = rest[schemeEnd.upperBound...]
            let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                out += Self.placeholder + "@" + authority[authority.index(after: at)...]
            } else {
                out += authority
            }
            rest = rest[authorityEnd...]
        }
        let fragmentStart = rest.firstIndex(of: "#") ?? rest.endIndex
        let fragment = rest[fragmentStart...]
        rest = rest[..<fragmentStart]
        guard let queryStart = rest.firstIndex(of: "?") else {
            return out + rest + (fragment.isEmpty ? "" : "#" + Self.placeholder)
        }
        out += rest[...queryStart]
        let pairs = rest[rest.index(after: queryStart)...].split(separator: "&", omittingEmptySubsequences: false)
        out += pairs.map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = PercentEncoding.decodeQueryComponent(pair[..<equals])
            return isSecretQueryParameter(name) ? pair[..<equals] + "=" + Self.placeholder : String(pair)
        }.joined(separator: "&")
        // A fragment is never sent, but may hold an OAuth implicit-flow token: hide it.
        return out + (fragment.isEmpty ? "" : "#" + Self.placeholder)
    }
}
