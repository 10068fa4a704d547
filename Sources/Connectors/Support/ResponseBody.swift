import SyncCore
import SyncHTTP

/// Parses a response body once, with the strict parser, into what a connector reads.
enum ResponseBody {
    /// The body as JSON; `ConnectorError.malformedResponse` naming the endpoint otherwise.
    static func json(_ response: HTTPResponse, remote: String, endpoint: String) throws(ConnectorError) -> JSONValue {
        do {
            return try JSONParser().parse(response.body)
        } catch {
            throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "the body is not valid JSON (\(error))")
        }
    }

    /// The body as a JSON object.
    static func object(_ response: HTTPResponse, remote: String, endpoint: String) throws(ConnectorError) -> [String: JSONValue] {
        guard let members = try json(response, remote: remote, endpoint: endpoint).objectValue else {
            throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "expected a JSON object")
        }
        return members
    }

    /// The body as a JSON array.
    static func array(_ response: HTTPResponse, remote: String, endpoint: String) throws(ConnectorError) -> [JSONValue] {
        guard let elements = try json(response, remote: remote, endpoint: endpoint).arrayValue else {
            throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "expected a JSON array")
        }
        return elements
    }
}
