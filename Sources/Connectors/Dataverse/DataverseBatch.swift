import Foundation
import SyncCore
import SyncHTTP

/// The multipart body of one `$batch` request, and the reading of its answer: one
/// `application/http` part per request, in order, each with a `Content-ID`.
struct DataverseBatch {
    private(set) var requests: [EmbeddedHTTPMessage] = []

    mutating func append(_ request: EmbeddedHTTPMessage) {
        requests.append(request)
    }

    /// A delimiter no request text contains (JSON bodies cannot hold a bare `--batch_`
    /// line, but a value could hold the text).
    var boundary: String {
        var candidate = "batch_channelsync"
        var counter = 0
        while requests.contains(where: { $0.text.contains(candidate) }) {
            counter += 1
            candidate = "batch_channelsync_\(counter)"
        }
        return candidate
    }

    var body: String {
        let parts = requests.enumerated().map { index, request in
            MultipartMixed.Part(headers: [EmbeddedHTTPMessage.Header("Content-Type", "application/http"),
                                          EmbeddedHTTPMessage.Header("Content-Transfer-Encoding", "binary"),
                                          EmbeddedHTTPMessage.Header("Content-ID", String(index + 1))],
                                content: request.text)
        }
        return MultipartMixed.body(parts, boundary: boundary)
    }

    /// The answers in request order; nil when the body is not a readable multipart/mixed.
    static func answers(_ response: HTTPResponse) -> [EmbeddedHTTPMessage]? {
        guard let boundary = response.headers["Content-Type"].flatMap(MultipartMixed.boundary(ofContentType:)),
              let parts = MultipartMixed.parts(of: String(decoding: response.body, as: UTF8.self), boundary: boundary) else {
            return nil
        }
        var answers: [EmbeddedHTTPMessage] = []
        for part in parts {
            guard let message = EmbeddedHTTPMessage(part.content), message.status != nil else { return nil }
            answers.append(message)
        }
        return answers
    }
}
