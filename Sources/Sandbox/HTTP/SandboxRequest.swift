import Foundation

/// One HTTP request as the dialect handlers see it: already read off the socket, the
/// target split into a path and decoded query parameters.
public struct SandboxRequest: Sendable {
    public var method: String
    /// Percent-decoded path, without the query.
    public var path: String
    /// Decoded `name=value` pairs in order (`+` is a space, as in form encoding).
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method.uppercased()
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// From a request target as it appears on the request line (`/a/b?x=1&y=2`).
    public init(method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = parts.first.map(String.init) ?? "/"
        self.init(method: method,
                  path: rawPath.removingPercentEncoding ?? rawPath,
                  query: parts.count > 1 ? Self.decodeForm(String(parts[1])) : [],
                  headers: headers, body: body)
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// The first query parameter with this name.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// The body decoded as `application/x-www-form-urlencoded`.
    public var formFields: [(name: String, value: String)] {
        Self.decodeForm(String(decoding: body, as: UTF8.self))
    }

    public func formValue(_ name: String) -> String? {
        formFields.first { $0.name == name }?.value
    }

    /// The bearer credential of `Authorization: <scheme> <credential>` for any of `schemes`.
    func credential(schemes: [String]) -> String? {
        guard let authorization = header("Authorization") else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, schemes.contains(where: { $0.caseInsensitiveCompare(String(parts[0])) == .orderedSame })
        else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    static func decodeForm(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decodeComponent(halves[0]), halves.count > 1 ? decodeComponent(halves[1]) : "")
        }
    }

    static func decodeComponent(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
