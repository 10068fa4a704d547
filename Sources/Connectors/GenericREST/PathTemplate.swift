import Foundation

/// An endpoint path below the remote's base URL, with `{object}` and `{id}` filled in
/// per request: `/v1/{object}`, `/api/{object}/{id}/`.
struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    let text: String

    static let placeholders = ["{object}", "{id}"]

    /// Nil with a reason for a path that does not start with `/`, has a query or fragment,
    /// or uses an unknown placeholder.
    static func parse(_ text: String) -> Result<PathTemplate, Problem> {
        guard text.hasPrefix("/") else { return .failure(Problem("must start with '/', got '\(text)'")) }
        if text.contains("?") || text.contains("#") {
            return .failure(Problem("must be a path only; put constant query parameters in 'list.query'"))
        }
        if text.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) {
            return .failure(Problem("must not contain spaces or control characters"))
        }
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return .failure(Problem("has an unclosed '{'")) }
            let name = String(rest[open...close])
            guard placeholders.contains(name) else {
                return .failure(Problem("uses the unknown placeholder \(name); only {object} and {id} are filled in"))
            }
            rest = rest[rest.index(after: close)...]
        }
        if rest.contains("}") { return .failure(Problem("has a '}' without '{'")) }
        return .success(PathTemplate(text: text))
    }

    /// Why a path cannot be used.
    struct Problem: Error, Equatable {
        let reason: String

        init(_ reason: String) {
            self.reason = reason
        }
    }

    var usesID: Bool { text.contains("{id}") }

    /// The path with the object name and id percent-encoded as path segments.
    func expand(object: String, id: String? = nil) -> String {
        var out = text.replacingOccurrences(of: "{object}", with: Self.encodeSegment(object))
        if let id { out = out.replacingOccurrences(of: "{id}", with: Self.encodeSegment(id)) }
        return out
    }

    var description: String { text }

    /// RFC 3986 unreserved characters stay; everything else (`/`, `?`, spaces) is escaped,
    /// so an id can never change which endpoint is called.
    static func encodeSegment(_ text: String) -> String {
        // "." and ".." would climb the path: escape them whole.
        if text == "." || text == ".." { return String(repeating: "%2E", count: text.count) }
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                out += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
            }
        }
        return out
    }
}
