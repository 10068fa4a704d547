import Foundation
import SyncCore

extension DataverseAPI {
    /// `POST $batch` (multipart/mixed, OData 4.0 §11.7.7): each `application/http` part is
    /// one request, served in order; the answer has one part per request served. Without
    /// `Prefer: odata.continue-on-error` the batch stops after the first failure.
    /// `.partialBatchFailure` fails the selected requests (key: the alternate-key value or
    /// the id in the URL) with a plug-in error.
    func batch(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        guard let boundary = request.headers["Content-Type"].flatMap(MultipartMixed.boundary(ofContentType:)),
              let parts = MultipartMixed.parts(of: request.bodyText, boundary: boundary) else {
            return Self.error(400, "0x80060891", "The $batch body must be multipart/mixed with a boundary.")
        }
        guard (1...configuration.batchLimit).contains(parts.count) else {
            return Self.error(400, "0x80060891", "The number of requests in a batch must be between 1 and \(configuration.batchLimit).")
        }
        let continueOnError = Self.preferences(request)["odata.continue-on-error"] != nil
        var answers: [MultipartMixed.Part] = []
        for (position, part) in parts.enumerated() {
            let response = serve(part, position: position, outer: request, failure: context.batchFailure)
            var headers = [EmbeddedHTTPMessage.Header("Content-Type", "application/http"),
                           EmbeddedHTTPMessage.Header("Content-Transfer-Encoding", "binary")]
            if let id = part.header("Content-ID") { headers.append(EmbeddedHTTPMessage.Header("Content-ID", id)) }
            let message = EmbeddedHTTPMessage(
                startLine: "HTTP/1.1 \(response.status) \(Self.reason(response.status))",
                headers: response.headers.map { EmbeddedHTTPMessage.Header($0.name, $0.value) },
                body: String(decoding: response.body, as: UTF8.self))
            answers.append(MultipartMixed.Part(headers: headers, content: message.text))
            if response.status >= 400, !continueOnError { break }
        }
        let responseBoundary = "batchresponse_" + Base62.encode(store.clock.now() &* 31 &+ Int64(parts.count), width: 12)
        var headers = [(name: "Content-Type", value: "multipart/mixed; boundary=\(responseBoundary)")]
        if continueOnError { headers.append(("Preference-Applied", "odata.continue-on-error")) }
        return SandboxResponse(status: 200, headers: headers,
                               body: Array(MultipartMixed.body(answers, boundary: responseBoundary).utf8))
    }

    /// One part's request, through the same handler a direct request would reach.
    private func serve(_ part: MultipartMixed.Part, position: Int, outer: HTTPServerRequest,
                       failure: BatchFailureSelector?) -> SandboxResponse {
        if part.header("Content-Type")?.lowercased().hasPrefix("multipart/mixed") == true {
            return Self.error(400, "0x80060891", "Change sets are not supported by this stand-in; send requests outside change sets.")
        }
        guard let message = EmbeddedHTTPMessage(part.content) else {
            return Self.error(400, "0x80060891", "Part \(position + 1) is not an application/http request.")
        }
        let words = message.startLine.split(separator: " ").map(String.init)
        guard words.count == 3, words[2].hasPrefix("HTTP/") else {
            return Self.error(400, "0x80060891", "Part \(position + 1) has no request line.")
        }
        var target = words[1]
        if !target.contains("://"), !target.hasPrefix("/") { target = Self.root + "/" + target }
        var headers = HTTPServerHeaders()
        for header in message.headers { headers.add(header.name, header.value) }
        if let host = outer.headers["Host"] { headers.add("Host", host) }
        let inner = HTTPServerRequest(method: words[0].uppercased(), target: target, headers: headers,
                                      body: Data(message.body.utf8))
        guard let parameters = PathPattern(Self.root + "/:resource").match(inner.path) else {
            return Self.error(404, "0x80060888", "Resource not found for the segment '\(inner.path)'.")
        }
        let context = RequestContext(request: inner, parameters: parameters, route: "dataverse.batch", batchFailure: nil)
        if let failure, failure.selects(key: Self.selectionKey(parameters["resource"] ?? ""), position: position) {
            return Self.error(400, "0x80040265", "ISV code aborted the operation.")
        }
        switch inner.method {
        case "GET": return read(context)
        case "POST": return create(context)
        case "PATCH": return upsert(context)
        case "DELETE": return delete(context)
        default: return Self.error(405, "0x80060888", "The HTTP method is not allowed on this resource.")
        }
    }

    /// The alternate-key value or id a URL segment names, for fault selection.
    private static func selectionKey(_ segment: String) -> String? {
        switch DataverseAddress(segment)?.key {
        case let .id(id)?: return id
        case let .alternate(_, value)?: return value
        default: return nil
        }
    }

    static func reason(_ status: Int) -> String {
        [200: "OK", 201: "Created", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
         405: "Method Not Allowed", 410: "Gone", 412: "Precondition Failed", 429: "Too Many Requests",
         500: "Internal Server Error"][status] ?? "Status"
    }
}
