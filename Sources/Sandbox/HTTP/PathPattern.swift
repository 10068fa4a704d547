import Foundation

/// A path template such as `/services/data/:version/sobjects/:object/deleted`:
/// literal segments match exactly, `:name` segments capture one segment.
/// A trailing slash on the request is ignored; segments are compared and captured
/// percent-decoded.
struct PathPattern: Sendable {
    enum Segment: Sendable {
        case literal(String)
        case parameter(String)
    }

    let segments: [Segment]

    init(_ template: String) {
        segments = template.split(separator: "/").map { part in
            part.hasPrefix(":") ? .parameter(String(part.dropFirst())) : .literal(String(part))
        }
    }

    /// Captured parameters, or nil when the path does not match.
    func match(_ path: String) -> [String: String]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { $0.removingPercentEncoding ?? String($0) }
        guard parts.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case let .literal(text): guard text == part else { return nil }
            case let .parameter(name): parameters[name] = part
            }
        }
        return parameters
    }
}
