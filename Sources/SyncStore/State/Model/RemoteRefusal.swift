/// A remote's error for one write, kept verbatim for the journal and dead letters.
/// (The store's own copy of the connector's failure, so SyncStore needs no Connectors.)
public struct RemoteRefusal: Sendable, Hashable {
    public var httpStatus: Int?
    /// The API's own code: `DUPLICATE_VALUE`, `VALIDATION_ERROR`, …
    public var code: String?
    /// The remote's message, verbatim. Callers must have removed credentials.
    public var message: String

    public init(httpStatus: Int? = nil, code: String? = nil, message: String) {
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
    }

    /// One line for the journal's `error` column: `HTTP 400 VALIDATION_ERROR: message`.
    public var summary: String {
        var parts: [String] = []
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let code, !code.isEmpty { parts.append(code) }
        return parts.isEmpty ? message : parts.joined(separator: " ") + ": " + message
    }
}
