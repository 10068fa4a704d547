import SyncCore

/// Salesforce's error bodies: a JSON array of `{message, errorCode[, fields]}`.
enum SalesforceError {
    static func response(_ status: Int, _ code: String, _ message: String, fields: [String]? = nil) -> SandboxResponse {
        var entry: [String: JSONValue] = ["message": .string(message), "errorCode": .string(code)]
        if let fields { entry["fields"] = .array(fields.map(JSONValue.string)) }
        return .json(status, .array([.object(entry)]))
    }

    static var invalidSession: SandboxResponse {
        response(401, "INVALID_SESSION_ID", "Session expired or invalid")
    }

    static var notFound: SandboxResponse {
        response(404, "NOT_FOUND", "The requested resource does not exist")
    }

    /// `MALFORMED_QUERY` and friends, with the caret-and-column layout Salesforce prints.
    static func query(_ code: String, query: String, column: Int, message: String) -> SandboxResponse {
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return response(400, code, "\n\(query)\n\(caret)\nERROR at Row:1:Column:\(column)\n\(message)")
    }

    /// A per-record entry of an sObject Collections result.
    static func recordError(_ code: String, _ message: String, fields: [String] = []) -> JSONValue {
        .object(["statusCode": .string(code), "message": .string(message), "fields": .array(fields.map(JSONValue.string))])
    }

    static func bodyNotJSON(_ error: JSONParseError) -> SandboxResponse {
        response(400, "JSON_PARSER_ERROR", "Unexpected character or end of input: \(error)")
    }
}
