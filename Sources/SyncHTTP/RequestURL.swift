/// The parts of a request URL the client needs before handing it to curl: the scheme (to
/// pick a proxy) and the host (to keep loopback traffic off any proxy).
struct RequestURL: Sendable, Equatable {
    enum Scheme: String, Sendable { case http, https }

    let string: String
    let scheme: Scheme
    /// Lowercased, without brackets for IPv6 literals.
    let host: String

    /// Returns nil with a reason for anything curl should never see: another scheme, no host,
    /// spaces or control characters (which could smuggle a second request line).
    static func parse(_ string: String) -> Result<RequestURL, RequestURLProblem> {
        if let bad = string.utf8.first(where: { $0 <= 0x20 || $0 == 0x7F }) {
            return .failure(.forbiddenCharacter(bad))
        }
        let lower = string.lowercased()
        let scheme: Scheme
        let rest: Substring
        if lower.hasPrefix("https://") {
            scheme = .https
            rest = lower.dropFirst("https://".count)
        } else if lower.hasPrefix("http://") {
            scheme = .http
            rest = lower.dropFirst("http://".count)
        } else {
            return .failure(.unsupportedScheme)
        }
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: at)...]
        }
        let host: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(.missingHost) }
            host = authority[authority.index(after: authority.startIndex)..<close]
        } else {
            host = authority.prefix { $0 != ":" }
        }
        guard !host.isEmpty else { return .failure(.missingHost) }
        return .success(RequestURL(string: string, scheme: scheme, host: String(host)))
    }

    /// localhost, 127.0.0.0/8 and ::1: traffic that must never go through a proxy.
    var isLoopback: Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        if host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

enum RequestURLProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case forbiddenCharacter(UInt8)
    case unsupportedScheme
    case missingHost

    var description: String {
        switch self {
        case .forbiddenCharacter(let byte):
            "the URL contains a space or control character (byte 0x\(String(byte, radix: 16)))"
        case .unsupportedScheme: "the URL must start with http:// or https://"
        case .missingHost: "the URL has no host"
        }
    }
}
