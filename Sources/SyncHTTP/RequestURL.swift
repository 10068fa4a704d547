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
        // On bytes, and only the authority lowercased: a query URL can be kilobytes of SOQL.
        let bytes = Array(string.utf8)
        let scheme: Scheme
        var index: Int
        if Self.hasPrefix(bytes, "https://") {
            scheme = .https
            index = 8
        } else if Self.hasPrefix(bytes, "http://") {
            scheme = .http
            index = 7
        } else {
            return .failure(.unsupportedScheme)
        }
        var authorityEnd = index
        while authorityEnd < bytes.count, bytes[authorityEnd] != UInt8(ascii: "/"), bytes[authorityEnd] != UInt8(ascii: "?"),
              bytes[authorityEnd] != UInt8(ascii: "#") {
            authorityEnd += 1
        }
        if let at = bytes[index..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) { index = at + 1 }
        let host: ArraySlice<UInt8>
        if index < authorityEnd, bytes[index] == UInt8(ascii: "[") {
            guard let close = bytes[index..<authorityEnd].firstIndex(of: UInt8(ascii: "]")) else { return .failure(.missingHost) }
            host = bytes[(index + 1)..<close]
        } else {
            host = bytes[index..<authorityEnd].prefix { $0 != UInt8(ascii: ":") }
        }
        guard !host.isEmpty else { return .failure(.missingHost) }
        return .success(RequestURL(string: string, scheme: scheme, host: String(decoding: host, as: UTF8.self).lowercased()))
    }

    /// Whether `bytes` starts with the lower-case ASCII `prefix`, compared case-insensitively.
    private static func hasPrefix(_ bytes: [UInt8], _ prefix: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard bytes.count >= expected.count else { return false }
        return zip(bytes, expected).allSatisfy { byte, lower in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte) == lower
        }
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
