import Foundation
import Sandbox
import SyncHTTP
import Synchronization
import Testing

/// Which failures are retried, how often, and how long the client waits in between — with
/// an injected clock, so no test sleeps.
@Suite struct RetryTests {
    /// A server that answers `failure` to the first `failures` requests, then 200.
    private func flakyServer(failures: Int, _ failure: @escaping @Sendable () -> HTTPServerReply) throws -> LoopbackHTTPServer {
        let count = Counter()
        return try LoopbackHTTPServer { _ in
            count.next() <= failures ? failure() : .respond(.json(200, #"{"ok":true}"#))
        }
    }

    @Test(arguments: [408, 429, 500, 502, 503, 504])
    func retryableStatusesAreRetried(status: Int) throws {
        let server = try flakyServer(failures: 2) { .respond(.json(status, #"{"error":"busy"}"#)) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(maxAttempts: 4), environment: clock.environment())
        let response = try client.send(HTTPRequest(.post, server.baseURL + "/write", body: Data("{}".utf8)))
        #expect(response.status == 200)
        #expect(response.attempts == 3)
        #expect(server.requestCount == 3)
        #expect(clock.sleeps.count == 2)
    }

    @Test(arguments: [400, 401, 403, 404, 409, 422])
    func otherClientErrorsAreNotRetried(status: Int) throws {
        let server = try flakyServer(failures: 1) { .respond(.json(status, #"[{"errorCode":"NOPE","message":"no"}]"#)) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(maxAttempts: 4), environment: clock.environment())
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/r")) }
        guard case .status(let failure)? = error else {
            Issue.record("expected a status error, got \(String(describing: error))")
            return
        }
        #expect(failure.status == status)
        #expect(failure.attempts == 1)
        #expect(String(decoding: failure.responseBody, as: UTF8.self) == #"[{"errorCode":"NOPE","message":"no"}]"#)
        #expect(server.requestCount == 1)
        #expect(clock.sleeps.isEmpty)
    }

    /// Each fault and the curl code it must surface as before the retry succeeds.
    @Test(arguments: [("drop", 52), ("reset", 56), ("closeMidBody", 18), ("closeMidChunk", 18)])
    func brokenConnectionsAreRetried(fault: String, curlCode: Int) throws {
        let reply: @Sendable () -> HTTPServerReply = {
            switch fault {
            case "drop": .dropConnection
            case "reset": .resetConnection
            case "closeMidBody": .closeMidBody(.text(200, String(repeating: "z", count: 5000)), afterBytes: 100)
            default: .closeMidBody(.streamed(totalBytes: 500_000, chunkSize: 1000), afterBytes: 4500)
            }
        }
        let server = try flakyServer(failures: 1, reply)
        defer { server.stop() }
        let clock = TestClock()
        let logs = LogCapture()
        let client = try HTTPClient(remote: testRemote(maxAttempts: 3), environment: clock.environment(), log: logs.log)
        let response = try client.send(HTTPRequest(.get, server.baseURL + "/page"))
        #expect(response.status == 200)
        #expect(response.attempts == 2)
        #expect(clock.sleeps.count == 1)
        #expect(server.acceptedConnections == 2)
        let retry = logs.named("http.retry").first
        #expect(retry?.field("kind") == "transport")
        #expect(retry?.field("curl") == String(curlCode))
    }

    @Test func aKeptAliveConnectionThatDiesIsReplacedTransparently() throws {
        // The second request on every connection is dropped, the way a server that timed
        // out an idle keep-alive connection answers.
        let server = try LoopbackHTTPServer { request in
            request.numberOnConnection == 2 ? .dropConnection : .respond(.json(200, #"{"path":"\#(request.path)"}"#))
        }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(maxAttempts: 3), environment: clock.environment())
        for index in 1...3 {
            let response = try client.send(HTTPRequest(.get, server.baseURL + "/p\(index)"))
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"path":"/p\#(index)"}"#)
        }
        // p1 ok, p2 dropped then repeated on a second connection, p3 dropped there and
        // repeated on a third.
        #expect(server.acceptedConnections == 3)
        #expect(server.requestCount == 5)
    }

    @Test func exhaustedRetriesReportTheLastStatusAndAttemptCount() throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(503, #"{"error":"maintenance"}"#)) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(maxAttempts: 3), environment: clock.environment())
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/x")) }
        #expect(error?.kind == .status)
        #expect(error?.failure?.attempts == 3)
        #expect(error?.status == 503)
        #expect(error?.description.contains("failed after 3 attempts: HTTP 503") == true)
        #expect(server.requestCount == 3)
        #expect(clock.sleeps.count == 2)
    }

    @Test func connectionRefusedIsRetriedUpToTheCap() throws {
        let closed = try RefusingPort()
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(maxAttempts: 5), environment: clock.environment())
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, closed.baseURL + "/x")) }
        guard case .connect(let failure)? = error else {
            Issue.record("expected a connect error, got \(String(describing: error))")
            return
        }
        #expect(failure.attempts == 5)
        #expect(failure.curlCode == 7)  // CURLE_COULDNT_CONNECT
        #expect(failure.curlMessage?.isEmpty == false)
        #expect(clock.sleeps.count == 4)
    }

    @Test func nonIdempotentRequestsAreRetriedOnlyWhenTheyNeverLeft() throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(503, "{}")) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(maxAttempts: 4), environment: clock.environment())
        var create = HTTPRequest(.post, server.baseURL + "/create", body: Data("{}".utf8))
        create.idempotent = false
        #expect(expectHTTPError { () throws(HTTPError) in try client.send(create) }?.failure?.attempts == 1)
        #expect(server.requestCount == 1)

        let closed = try RefusingPort()
        create.url = closed.baseURL + "/create"
        #expect(expectHTTPError { () throws(HTTPError) in try client.send(create) }?.failure?.attempts == 4)
    }

    /// libcurl re-sends a request on its own when a reused keep-alive connection dies
    /// before the answer. For a create without an upsert key that would create the
    /// record twice, so a non-idempotent request gets a connection of its own.
    @Test func aNonIdempotentRequestIsNeverResentByCurlOnAReusedConnection() throws {
        let posts = Mutex(0)
        let server = try LoopbackHTTPServer { request in
            guard request.method == "POST" else { return .respond(.json(200, "{}")) }
            let number = posts.withLock { count -> Int in count += 1; return count }
            return number == 1 ? .dropConnection : .respond(.json(201, #"{"id":"2"}"#))
        }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote(maxAttempts: 3), environment: TestClock().environment())
        _ = try client.send(HTTPRequest(.get, server.baseURL + "/warm"))  // leaves a keep-alive connection to reuse
        var create = HTTPRequest(.post, server.baseURL + "/create", body: Data("{}".utf8))
        create.idempotent = false
        #expect(expectHTTPError { () throws(HTTPError) in try client.send(create) } != nil)
        #expect(posts.withLock { $0 } == 1, "the create reached the server once and was not sent again")
        #expect(server.acceptedConnections == 2)
    }

    @Test func retryAfterInSecondsIsWaitedExactly() throws {
        let server = try flakyServer(failures: 1) { .respond(.json(429, "{}", headers: ["Retry-After": "2"])) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(), environment: clock.environment(random: { 0.99 }))
        let response = try client.send(HTTPRequest(.get, server.baseURL + "/search"))
        #expect(response.attempts == 2)
        #expect(clock.sleeps == [.seconds(2)])
    }

    @Test func retryAfterAsAnHTTPDateIsMeasuredFromTheInjectedClock() throws {
        // TestClock's wall clock reads 2025-01-01 00:00:00 GMT.
        let server = try flakyServer(failures: 1) {
            .respond(.json(503, "{}", headers: ["Retry-After": "Wed, 01 Jan 2025 00:00:05 GMT"]))
        }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(), environment: clock.environment())
        _ = try client.send(HTTPRequest(.get, server.baseURL + "/x"))
        #expect(clock.sleeps == [.seconds(5)])
    }

    @Test func aRetryAfterBeyondTheLimitFailsAtOnceWithTheDelay() throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(429, "{}", headers: ["Retry-After": "3600"])) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(), environment: clock.environment())
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/x")) }
        #expect(error?.failure?.retryAfter == .seconds(3600))
        #expect(error?.failure?.attempts == 1)
        #expect(error?.description.contains("Retry-After 3600s") == true)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func backoffStaysWithinFullJitterBoundsAndStopsAtTheCap() throws {
        let closed = try RefusingPort()
        let random = SeededRandom(seed: UInt64.random(in: 0...UInt64.max))
        let clock = TestClock()
        var remote = testRemote(maxAttempts: 7)
        remote.retry.baseDelay = .milliseconds(100)
        remote.retry.maxDelay = .milliseconds(1000)
        let client = try HTTPClient(remote: remote, environment: clock.environment(random: { random.next() }))
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, closed.baseURL)) }
        #expect(error?.failure?.attempts == 7)
        let bounds: [Double] = [0.1, 0.2, 0.4, 0.8, 1.0, 1.0]
        let sleeps = clock.sleeps.map(\.seconds)
        #expect(sleeps.count == bounds.count, "seed \(random.seed)")
        for (sleep, bound) in zip(sleeps, bounds) {
            #expect(sleep >= 0 && sleep <= bound + 1e-9, "seed \(random.seed): \(sleep) outside [0, \(bound)]")
        }
    }

    @Test func backoffFollowsTheFormulaAtTheEdgesOfTheRandomRange() throws {
        let closed = try RefusingPort()
        for (unit, expected) in [(0.0, [0.0, 0.0, 0.0, 0.0]), (0.5, [0.05, 0.1, 0.2, 0.4]), (1.0, [0.1, 0.2, 0.4, 0.8])] {
            let clock = TestClock()
            var remote = testRemote(maxAttempts: 5)
            remote.retry.maxDelay = .milliseconds(800)
            let client = try HTTPClient(remote: remote, environment: clock.environment(random: { unit }))
            _ = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, closed.baseURL)) }
            let sleeps = clock.sleeps.map(\.seconds)
            #expect(sleeps.count == expected.count)
            for (sleep, want) in zip(sleeps, expected) { #expect(abs(sleep - want) < 1e-9, "unit \(unit)") }
        }
    }

    @Test func policyBoundsDoNotOverflow() {
        let policy = RetryPolicy(baseDelay: .milliseconds(500), maxDelay: .seconds(30))
        #expect(policy.backoffBound(retry: 0) == .milliseconds(500))
        #expect(policy.backoffBound(retry: 5) == .seconds(16))
        #expect(policy.backoffBound(retry: 6) == .seconds(30))
        #expect(policy.backoffBound(retry: 10_000) == .seconds(30))
    }

    @Test func retriesAreLoggedWithKindAndDelay() throws {
        let server = try flakyServer(failures: 1) { .respond(.json(502, "{}")) }
        defer { server.stop() }
        let clock = TestClock()
        let logs = LogCapture()
        let client = try HTTPClient(remote: testRemote(), environment: clock.environment(random: { 0.5 }), log: logs.log)
        _ = try client.send(HTTPRequest(.get, server.baseURL + "/x"))
        let retry = logs.named("http.retry")
        #expect(retry.count == 1)
        #expect(retry.first?.field("kind") == "status")
        #expect(retry.first?.field("delay") == "0.05s")
        #expect(retry.first?.level == .info)
        #expect(logs.named("http.response").first?.field("status") == "200")
    }
}
