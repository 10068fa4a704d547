import Foundation

/// What the dialect handlers read from a request beyond the server's own accessors.
extension HTTPServerRequest {
    /// The body decoded as `application/x-www-form-urlencoded` (`+` is a space).
    var formFields: [(name: String, value: String)] {
        String(decoding: body, as: UTF8.self).split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.formDecode(halves[0]), halves.count > 1 ? Self.formDecode(halves[1]) : "")
        }
    }

    func formValue(_ name: String) -> String? {
        formFields.first { $0.name == name }?.value
    }

    /// The credential of `Authorization: <scheme> <credential>` for any of `schemes`
    /// (scheme compared case-insensitively).
    func credential(schemes: [String]) -> String? {
        guard let authorization = headers["Authorization"] else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, schemes.contains(where: { $0.caseInsensitiveCompare(String(parts[0])) == .orderedSame })
        else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// The path with percent-escapes decoded (route matching works on decoded segments).
    var decodedPath: String { path.removingPercentEncoding ?? path }

    private static func formDecode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
