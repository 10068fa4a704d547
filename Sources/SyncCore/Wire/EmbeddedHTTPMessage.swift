import Foundation

/// An HTTP request or response carried as an `application/http` body part of an OData
/// `$batch`: a start line, header lines, a blank line, then the body. Pure.
public struct EmbeddedHTTPMessage: Sendable, Hashable {
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `PATCH /api/data/v9.2/accounts(…) HTTP/1.1` or `HTTP/1.1 204 No Content`.
    public var startLine: String
    public var headers: [Header]
    public var body: String

    public init(startLine: String, headers: [Header] = [], body: String = "") {
        self.startLine = startLine
        self.headers = headers
        self.body = body
    }

    /// Reads the message from a part's content; nil when there is no start line or a
    /// header line has no colon.
    public init?(_ text: String) {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        guard let first = lines.first, !first.isEmpty else { return nil }
        let end = lines.dropFirst().firstIndex(of: "") ?? lines.endIndex
        guard let headers = Self.headers(lines[1..<end]) else { return nil }
        self.init(startLine: first, headers: headers,
                  body: end < lines.endIndex ? lines[(end + 1)...].joined(separator: "\n") : "")
    }

    /// The message as part content (LF line ends; `MultipartMixed.body` makes them CRLF).
    public var text: String {
        ([startLine] + headers.map { "\($0.name): \($0.value)" } + ["", body]).joined(separator: "\n")
    }

    public func header(_ name: String) -> String? {
        Self.value(of: name, in: headers)
    }

    /// The status of a response start line (`HTTP/1.1 204 No Content` → 204).
    public var status: Int? {
        let words = startLine.split(separator: " ")
        guard words.count >= 2, words[0].hasPrefix("HTTP/") else { return nil }
        return Int(words[1])
    }

    static func value(of name: String, in headers: [Header]) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    static func headers(_ lines: ArraySlice<String>) -> [Header]? {
        var out: [Header] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            out.append(Header(String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                              String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        return out
    }
}
