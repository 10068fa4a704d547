import Foundation

extension HTTPRequest {
    /// A request with a JSON body and the matching `Content-Type` and `Accept` headers.
    public static func json<Body: Encodable>(
        _ method: HTTPMethod, _ url: String, body: Body, query: [URLQueryItem] = [],
        headers: HTTPHeaders = [:], encoder: JSONEncoder = JSONEncoder()
    ) throws(HTTPError) -> HTTPRequest {
        let data: Data
        do {
            data = try encoder.encode(body)
        } catch {
            let request = HTTPRequest(method, url, query: query, headers: headers)
            let redactedURL = SecretScrubber(request: request, redaction: .standard)
                .scrub(Redaction.standard.redactURL(request.fullURL))
            throw HTTPError.invalidRequest(
                HTTPFailure(remote: "", method: method, redactedURL: redactedURL, attempts: 0),
                reason: "the JSON body could not be encoded: \(error)")
        }
        var request = HTTPRequest(method, url, query: query, headers: headers, body: data)
        if !request.headers.contains("Content-Type") { request.headers["Content-Type"] = "application/json" }
        if !request.headers.contains("Accept") { request.headers["Accept"] = "application/json" }
        return request
    }
}
