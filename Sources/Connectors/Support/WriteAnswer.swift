import Foundation
import SyncCore
import SyncHTTP

/// Reading the answer to a one-record write (APIs without batch endpoints): the 2xx that
/// carries the record, or the 4xx that refuses it — kept verbatim, because validation
/// errors come in every shape and ops need the remote's own words.
enum WriteAnswer {
    /// Statuses a write request takes as an answer about its record. Authentication
    /// failures, throttling and 5xx stay errors, so the session re-mints, SyncHTTP retries,
    /// and a refusal of the whole remote is not mistaken for a refusal of one record.
    static func acceptedStatuses(authFailures: Set<Int>) -> Set<Int> {
        authFailures == [401] ? answersBut401 : answers.subtracting(authFailures)
    }

    private static let answers = Set(200...299).union(Set(400...499).subtracting([407, 408, 429]))
    /// The common case, built once: it was a set of 200 numbers per write request.
    private static let answersBut401 = answers.subtracting([401])

    /// Refusals worth sending again next cycle unchanged (a lock, a timeout, throttling).
    static func isRetryable(_ status: Int) -> Bool {
        [408, 423, 425, 429].contains(status) || status >= 500
    }

    /// The failure for a non-2xx answer: the body verbatim as the message (with any
    /// credential the request carried masked: such answers bypass SyncHTTP's scrubbing),
    /// the API's code from `codePath` when the API puts it somewhere unusual, else from
    /// the common shapes.
    static func failure(_ response: HTTPResponse, secrets: [String], codePath: ResponsePath? = nil) -> RemoteFailure {
        let text = scrub(String(decoding: response.body.prefix(HTTPFailure.bodyLimit), as: UTF8.self), secrets)
        let json = try? JSONParser().parse(Data(text.utf8))
        var code = json.flatMap { body in codePath.flatMap { $0.read(body)?.scalarText } }
        if code == nil, let json { code = RemoteErrorDetail.parse(json)?.code }
        let message = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? "HTTP \(response.status) with an empty body" : text
        return RemoteFailure(status: response.status, code: code, message: message,
                             retryable: isRetryable(response.status), raw: json.map(JSONWriter.string))
    }

    /// `text` with every secret replaced by `Redaction.placeholder`.
    static func scrub(_ text: String, _ secrets: [String]) -> String {
        secrets.reduce(text) { text, secret in
            secret.isEmpty ? text : text.replacingOccurrences(of: secret, with: Redaction.placeholder)
        }
    }
}
