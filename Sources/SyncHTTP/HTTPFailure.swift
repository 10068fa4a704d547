import Foundation

/// What an operator needs to know about a failed request, with every secret already removed:
/// the URL is redacted, secret header values are masked, and curl's message and the response
/// body are scrubbed of the request's secret values. Safe to log, journal and show.
public struct HTTPFailure: Sendable, Equatable {
    /// The remote's configured name, e.g. `salesforce`.
    public var remote: String
    public var method: HTTPMethod
    /// Redacted.
    public var url: String
    /// Attempts made, counting the first; 0 when the request was refused before sending.
    public var attempts: Int
    /// The final HTTP status, when a response arrived.
    public var status: Int?
    /// libcurl's `CURLcode`, when curl failed.
    public var curlCode: Int?
    /// curl's error-buffer text (or `curl_easy_strerror`), scrubbed.
    public var curlMessage: String?
    /// The response headers, secret ones masked.
    public var responseHeaders: HTTPHeaders
    /// The response body (UTF-8, scrubbed, at most `HTTPFailure.bodyLimit` bytes). Vendor
    /// error payloads (`[{errorCode, message}]`) live here for connectors to parse.
    public var responseBody: Data
    /// The server's `Retry-After`, when it sent one.
    public var retryAfter: Duration?

    /// How much of an error body is kept: enough for any vendor's error JSON, small enough
    /// to journal.
    public static let bodyLimit = 64 * 1024

    /// `url` must already be redacted and scrubbed.
    init(remote: String, method: HTTPMethod, redactedURL url: String, attempts: Int) {
        self.remote = remote
        self.method = method
        self.url = url
        self.attempts = attempts
        self.status = nil
        self.curlCode = nil
        self.curlMessage = nil
        self.responseHeaders = HTTPHeaders()
        self.responseBody = Data()
        self.retryAfter = nil
    }

    /// The start of the body as one line, for error messages.
    public var bodyExcerpt: String {
        let text = String(decoding: responseBody.prefix(600), as: UTF8.self)
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return oneLine.count > 300 ? String(oneLine.prefix(300)) + "…" : oneLine
    }
}
