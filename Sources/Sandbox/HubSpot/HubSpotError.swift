import SyncCore

/// HubSpot's error body: `{status: "error", message, correlationId, category[, errors, context]}`.
enum HubSpotError {
    static func body(_ message: String, category: String, correlationID: String,
                     extra: [String: JSONValue] = [:]) -> JSONValue {
        var body: [String: JSONValue] = ["status": .string("error"), "message": .string(message),
                                         "correlationId": .string(correlationID), "category": .string(category)]
        for (key, value) in extra { body[key] = value }
        return .object(body)
    }

    /// `Property values were not valid: [...]`, the 400 HubSpot answers for a bad property.
    static func invalidProperties(_ problems: [(name: String, error: String, message: String)]) -> String {
        let details = JSONValue.array(problems.map { problem in
            .object(["isValid": .bool(false), "message": .string(problem.message), "error": .string(problem.error),
                     "name": .string(problem.name), "localizedErrorMessage": .string(problem.message)])
        })
        return "Property values were not valid: \(JSONWriter.string(details))"
    }
}
