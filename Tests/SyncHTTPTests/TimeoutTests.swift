import Foundation
import Sandbox
import SyncHTTP
import Testing

/// Timeouts and cancellation against a server that stops talking. These use real time
/// (curl's timers), kept short.
@Suite struct TimeoutTests {
    @Test func aStalledServerTripsTheTotalTimeoutAndIsRetried() throws {
        let server = try LoopbackHTTPServer { _ in .stall }
        defer { server.stop() }
        let clock = TestClock()
        let timeouts = HTTPTimeouts(connect: .seconds(5), total: .milliseconds(300))
        let client = try HTTPClient(remote: testRemote(maxAttempts: 2, timeouts: timeouts), environment: clock.environment())
        let started = ContinuousClock.now
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/slow")) }
        guard case .timeout(let failure)? = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(failure.curlCode == 28)  // CURLE_OPERATION_TIMEDOUT
        #expect(failure.attempts == 2)
        #expect(server.requestCount == 2)
        #expect(clock.sleeps.count == 1)
        #expect(ContinuousClock.now - started >= .milliseconds(600))
    }

    @Test func aBodyThatStopsMidwayTripsTheTimeout() throws {
        let server = try LoopbackHTTPServer { _ in
            .stallMidBody(.text(200, String(repeating: "a", count: 10_000)), afterBytes: 500)
        }
        defer { server.stop() }
        let timeouts = HTTPTimeouts(connect: .seconds(5), total: .milliseconds(300))
        let client = try HTTPClient(remote: testRemote(maxAttempts: 1, timeouts: timeouts))
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/")) }
        #expect(error?.kind == .timeout)
        #expect(error?.failure?.status == 200)
    }

    @Test func aTricklingTransferTripsTheLowSpeedLimit() throws {
        let server = try LoopbackHTTPServer { _ in
            .stallMidBody(.text(200, String(repeating: "a", count: 10_000)), afterBytes: 10)
        }
        defer { server.stop() }
        let timeouts = HTTPTimeouts(
            connect: .seconds(5), total: .seconds(60), lowSpeedBytesPerSecond: 100, lowSpeedTime: .seconds(1))
        let client = try HTTPClient(remote: testRemote(maxAttempts: 1, timeouts: timeouts))
        let started = ContinuousClock.now
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/")) }
        #expect(error?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(30))  // the low-speed check, not the total
    }

    @Test func cancellingStopsAStalledTransferAndLaterRequests() throws {
        let server = try LoopbackHTTPServer { _ in .stall }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote(maxAttempts: 3))
        DispatchQueue.global().async {
            if waitUntil({ server.requestCount == 1 }) { client.cancel() }
        }
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/")) }
        #expect(error?.kind == .cancelled)
        #expect(error?.failure?.attempts == 1)
        let later = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/")) }
        #expect(later?.kind == .cancelled)
        #expect(later?.failure?.attempts == 0)
        #expect(server.requestCount == 1)
    }

    @Test func cancellingEndsARealBackoffWaitAtOnce() throws {
        let closed = try RefusingPort()
        var remote = testRemote(maxAttempts: 3)
        remote.retry.baseDelay = .seconds(600)
        remote.retry.maxDelay = .seconds(600)
        // The live environment, but a fixed jitter so the wait is certainly long.
        var environment = HTTPEnvironment.live
        environment.random = { 1.0 }
        let logs = LogCapture()
        let client = try HTTPClient(remote: remote, environment: environment, log: logs.log)
        DispatchQueue.global().async {
            if waitUntil({ !logs.named("http.retry").isEmpty }) { client.cancel() }
        }
        let started = ContinuousClock.now
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, closed.baseURL)) }
        #expect(error?.kind == .cancelled)
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
