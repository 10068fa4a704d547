import Foundation

/// `multipart/mixed` bodies (RFC 2046 §5.1), as OData `$batch` requests and responses
/// use them. Shared by the Dataverse connector and its sandbox stand-in so both read and
/// write the same framing. Pure: text in, parts out.
public enum MultipartMixed {
    /// One body part: its MIME headers and its content (without the closing CRLF).
    public struct Part: Sendable, Hashable {
        public var headers: [EmbeddedHTTPMessage.Header]
        public var content: String

        public init(headers: [EmbeddedHTTPMessage.Header], content: String) {
            self.headers = headers
            self.content = content
        }

        public func header(_ name: String) -> String? {
            EmbeddedHTTPMessage.value(of: name, in: headers)
        }
    }

    /// The `boundary` parameter of a `multipart/mixed` content type, unquoted; nil when
    /// the type is not multipart/mixed or names no boundary.
    public static func boundary(ofContentType contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let type = pieces.first, type.lowercased() == "multipart/mixed" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The parts between `--boundary` lines up to `--boundary--`; nil when the body has no
    /// opening or closing delimiter. Bare LF line ends are accepted as well as CRLF.
    public static func parts(of body: String, boundary: String) -> [Part]? {
        let text = body.replacingOccurrences(of: "\r\n", with: "\n")
        let lines = text.components(separatedBy: "\n")
        let delimiter = "--" + boundary
        guard let open = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == delimiter }) else { return nil }
        var parts: [Part] = []
        var current: [String] = []
        for line in lines[(open + 1)...] {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == delimiter || trimmed == delimiter + "--" {
                guard let part = part(current) else { return nil }
                parts.append(part)
                current = []
                if trimmed == delimiter + "--" { return parts }
                continue
            }
            current.append(line)
        }
        return nil
    }

    /// The body for `parts` with CRLF line ends and the closing delimiter.
    public static func body(_ parts: [Part], boundary: String) -> String {
        var out = ""
        for part in parts {
            out += "--" + boundary + "\r\n"
            for header in part.headers { out += header.name + ": " + header.value + "\r\n" }
            out += "\r\n" + part.content.replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        }
        return out + "--" + boundary + "--\r\n"
    }

    private static func part(_ lines: [String]) -> Part? {
        guard let blank = lines.firstIndex(of: "") else { return nil }
        guard let headers = EmbeddedHTTPMessage.headers(lines[..<blank]) else { return nil }
        var content = Array(lines[(blank + 1)...])
        while content.last == "" { content.removeLast() }
        return Part(headers: headers, content: content.joined(separator: "\n"))
    }
}
