import Foundation

/// A route path such as `/services/data/{version}/sobjects/{type}/*`: literal segments,
/// `{name}` captures one segment, a final `*` captures the rest. A trailing slash is
/// ignored on both sides.
struct RoutePattern: Sendable, Hashable {
    let text: String
    private let segments: [Segment]

    private enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
        case rest
    }

    init(_ text: String) {
        self.text = text
        segments = Self.split(text).enumerated().map { index, part in
            if part == "*" { return .rest }
            if part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2 {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(part)
        }
    }

    /// The captured parameters when `path` matches; nil otherwise.
    func match(_ path: String) -> [String: String]? {
        let parts = Self.split(path)
        var captured: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest:
                captured["*"] = parts.dropFirst(index).joined(separator: "/")
                return captured
            case .literal(let literal):
                guard index < parts.count, parts[index] == literal else { return nil }
            case .parameter(let name):
                guard index < parts.count, !parts[index].isEmpty else { return nil }
                captured[name] = parts[index].removingPercentEncodingOrSelf
            }
        }
        return parts.count == segments.count ? captured : nil
    }

    private static func split(_ path: String) -> [String] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "" { parts.removeFirst() }
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}

extension String {
    fileprivate var removingPercentEncodingOrSelf: String {
        removingPercentEncoding ?? self
    }
}
