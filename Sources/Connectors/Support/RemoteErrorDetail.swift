import Foundation
import SyncCore

/// The code and message a remote put in an error body, whatever its dialect:
/// Salesforce `[{errorCode, message}]`, OAuth `{error, error_description}`, HubSpot
/// `{status:"error", category, message}`, and the common `{error:{code,message}}`,
/// `{code, message}` and `{message}` shapes of other REST APIs.
public struct RemoteErrorDetail: Sendable, Hashable {
    public var code: String?
    /// The remote's text, verbatim.
    public var message: String
    /// The error element as sent (compact JSON), for the journal and dead letters.
    public var raw: String

    public init(code: String?, message: String, raw: String) {
        self.code = code
        self.message = message
        self.raw = raw
    }

    /// Nil when the body is empty or not JSON with a recognizable message.
    public static func parse(_ body: Data) -> RemoteErrorDetail? {
        guard !body.isEmpty, let json = try? JSONParser().parse(body) else { return nil }
        return parse(json)
    }

    public static func parse(_ json: JSONValue) -> RemoteErrorDetail? {
        switch json {
        case .array(let elements):
            // Salesforce: every element is an error; the first decides the code.
            let details = elements.compactMap { parse($0) }
            guard let first = details.first else { return nil }
            let message = details.map(\.message).joined(separator: "\n")
            return RemoteErrorDetail(code: first.code, message: message, raw: JSONWriter.string(json))
        case .object(let members):
            if let nested = members["error"], case .object = nested, let inner = parse(nested) {
                return RemoteErrorDetail(code: inner.code, message: inner.message, raw: JSONWriter.string(json))
            }
            let code = ["errorCode", "statusCode", "code", "category", "error", "errorType", "status"]
                .lazy.compactMap { members[$0]?.scalarText }.first { $0 != "error" }
            let message = ["message", "error_description", "detail", "title", "error"]
                .lazy.compactMap { members[$0]?.stringValue }.first
            guard let text = message ?? code else { return nil }
            return RemoteErrorDetail(code: code, message: text, raw: JSONWriter.string(json))
        default:
            return nil
        }
    }
}
