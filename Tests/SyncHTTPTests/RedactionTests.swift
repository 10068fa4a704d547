import Foundation
import Sandbox
import SyncHTTP
import Testing

/// A canary secret placed everywhere a secret can hide must never come out of an error,
/// a log line or a debug description.
@Suite struct RedactionTests {
    static let canary = "CANARY-7f3a9c1d"
    static let redaction = Redaction(secretHeaders: ["X-Api-Key"], secretQueryParameters: ["api_token"])

    /// Every text a user of the client could see after `body` ran.
    private func exposedText(_ error: HTTPError?, _ logs: LogCapture, _ request: HTTPRequest) -> [String] {
        var texts = logs.lines + logs.all.flatMap { $0.fields.map(\.value) }
        var dumped = ""
        dump(request, to: &dumped)
        texts += [String(describing: request), String(reflecting: request), dumped]
        if let error {
            var dumpedError = ""
            dump(error, to: &dumpedError)
            texts += [String(describing: error), String(reflecting: error), dumpedError]
            if let failure = error.failure {
                texts += [failure.url, failure.curlMessage ?? "", failure.bodyExcerpt,
                          String(decoding: failure.responseBody, as: UTF8.self)]
                texts += failure.responseHeaders.map { "\($0.name): \($0.value)" }
            }
        }
        return texts
    }

    @Test func theCanaryNeverLeavesThroughStatusErrorsOrLogs() throws {
        let received = Recorder<String>()
        let attempt = Counter()
        let server = try LoopbackHTTPServer { request in
            received.record(request.target + " " + request.headers.map { "\($0.name)=\($0.value)" }.joined(separator: " "))
            if attempt.next() == 1 { return .respond(.json(503, "{}")) }
            // A careless server that echoes the credentials back, in the body and a cookie.
            var headers = HTTPServerHeaders()
            headers.add("Set-Cookie", "sid=\(Self.canary); HttpOnly")
            headers.add("Location", "/login?api_token=\(Self.canary)")
            let echo = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
            return .respond(.text(403, "forbidden for\n\(echo)\n\(request.target)", headers: headers))
        }
        defer { server.stop() }
        let logs = LogCapture()
        let remote = testRemote(redaction: Self.redaction)
        let client = try HTTPClient(remote: remote, environment: TestClock().environment(), log: logs.log)
        var request = HTTPRequest(.get, server.baseURL + "/records?page=2&api_token=\(Self.canary)", query: [
            URLQueryItem(name: "access_token", value: Self.canary), URLQueryItem(name: "limit", value: "50"),
        ])
        request.headers["Authorization"] = "Bearer \(Self.canary)"
        request.headers["Cookie"] = "theme=dark; session=\(Self.canary)"
        request.headers["X-Api-Key"] = Self.canary
        let error = expectHTTPError { () throws(HTTPError) in try client.send(request) }

        // The secrets really went over the wire: otherwise this test would prove nothing.
        #expect(received.all.count == 2)
        #expect(received.all.allSatisfy { $0.components(separatedBy: Self.canary).count - 1 == 5 })
        #expect(error?.status == 403)
        for text in exposedText(error, logs, request) {
            #expect(!text.contains(Self.canary), "leaked in: \(text)")
        }
        // Redaction keeps what an operator needs.
        #expect(error?.failure?.url == server.baseURL
            + "/records?page=2&api_token=[REDACTED]&access_token=[REDACTED]&limit=50")
        #expect(error?.failure?.responseHeaders["Set-Cookie"] == "[REDACTED]")
        #expect(error?.failure?.bodyExcerpt.hasPrefix("forbidden for") == true)
        #expect(logs.named("http.retry").count == 1)
        #expect(logs.named("http.failed").count == 1)
    }

    @Test func theCanaryNeverLeavesThroughTransportErrors() throws {
        let closed = try RefusingPort()
        let logs = LogCapture()
        let client = try HTTPClient(
            remote: testRemote(maxAttempts: 2, redaction: Self.redaction), environment: TestClock().environment(), log: logs.log)
        var request = HTTPRequest(.post, "http://svc:\(Self.canary)@127.0.0.1:\(closed.port)/x?api_token=\(Self.canary)#\(Self.canary)")
        request.headers["Authorization"] = "Basic \(Self.canary)"
        let error = expectHTTPError { () throws(HTTPError) in try client.send(request) }
        #expect(error?.kind == .connect)
        #expect(error?.failure?.url == "http://[REDACTED]@127.0.0.1:\(closed.port)/x?api_token=[REDACTED]#[REDACTED]")
        for text in exposedText(error, logs, request) {
            #expect(!text.contains(Self.canary), "leaked in: \(text)")
        }
    }

    @Test func theCanaryNeverLeavesThroughRefusedRequests() throws {
        let logs = LogCapture()
        let client = try HTTPClient(remote: testRemote(redaction: Self.redaction), log: logs.log)
        var injected = HTTPRequest(.get, "http://127.0.0.1:9/?api_token=\(Self.canary)")
        injected.headers["X-Api-Key"] = "\(Self.canary)\r\nX-Smuggled: 1"
        var spaced = HTTPRequest(.get, "http://127.0.0.1:9/\(Self.canary) x?api_token=\(Self.canary)")
        spaced.secretValues = [Self.canary]
        for request in [injected, spaced] {
            let error = expectHTTPError { () throws(HTTPError) in try client.send(request) }
            #expect(error?.kind == .invalidRequest)
            for text in exposedText(error, logs, request) {
                #expect(!text.contains(Self.canary), "leaked in: \(text)")
            }
        }
    }

    @Test func secretValuesInAFormBodyAreScrubbedFromEchoes() throws {
        let server = try LoopbackHTTPServer { request in .respond(.json(400, #"{"error":"bad secret \#(request.bodyText)"}"#)) }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote())
        var token = HTTPRequest(.post, server.baseURL + "/services/oauth2/token",
                                body: Data("grant_type=client_credentials&client_secret=\(Self.canary)".utf8))
        token.headers["Content-Type"] = "application/x-www-form-urlencoded"
        token.secretValues = [Self.canary]
        let error = expectHTTPError { () throws(HTTPError) in try client.send(token) }
        #expect(error?.status == 400)
        #expect(error.map { String(describing: $0) }?.contains(Self.canary) == false)
        #expect(error?.failure?.bodyExcerpt.contains("client_secret=[REDACTED]") == true)
    }

    @Test(arguments: [
        ("https://h/p?a=1&token=x&b=2", "https://h/p?a=1&token=[REDACTED]&b=2"),
        ("https://h/p?TOKEN=x", "https://h/p?TOKEN=[REDACTED]"),
        ("https://h/p?api%5Ftoken=x", "https://h/p?api%5Ftoken=[REDACTED]"),
        ("https://u:p@h:8443/p", "https://[REDACTED]@h:8443/p"),
        ("https://h/p?flag&x=1", "https://h/p?flag&x=1"),
        ("https://h/p#frag", "https://h/p#[REDACTED]"),
    ])
    func urlRedaction(url: String, expected: String) {
        #expect(Self.redaction.redactURL(url) == expected)
    }

    @Test func alwaysSecretHeadersCannotBeUnmarked() {
        let redaction = Redaction(secretHeaders: [], secretQueryParameters: [])
        for name in ["Authorization", "proxy-authorization", "COOKIE", "Set-Cookie"] {
            #expect(redaction.isSecretHeader(name))
        }
        #expect(!redaction.isSecretHeader("Content-Type"))
        #expect(redaction.redact(["authorization": "Bearer t", "Accept": "x"]) == ["authorization": "[REDACTED]", "Accept": "x"])
    }
}
