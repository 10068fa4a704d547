/// The request methods the connectors need. A closed set so that a typo in a connector is a
/// compile error, not a request the remote rejects at 3 a.m.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case get = "GET"
    case post = "POST"
    case patch = "PATCH"
    case put = "PUT"
    case delete = "DELETE"

    public var description: String { rawValue }
}
