import Foundation
import Sandbox
import SyncHTTP
import Testing

/// The per-remote token bucket, driven by the injected clock.
@Suite struct RequestBudgetTests {
    @Test func requestsBeyondTheBurstWaitForTokens() throws {
        let clock = TestClock()
        let budget = try RequestBudget(RateLimit(requestsPerSecond: 2, burst: 3), environment: clock.environment())
        let cancellation = HTTPCancellation()
        for _ in 0..<3 { #expect(budget.acquire(cancellation: cancellation) == .zero) }
        #expect(budget.acquire(cancellation: cancellation) == .milliseconds(500))
        #expect(budget.acquire(cancellation: cancellation) == .milliseconds(500))
        #expect(clock.sleeps == [.milliseconds(500), .milliseconds(500)])
        // A long idle period refills the bucket only up to the burst.
        clock.advance(by: .seconds(60))
        for _ in 0..<3 { #expect(budget.acquire(cancellation: cancellation) == .zero) }
        #expect(budget.acquire(cancellation: cancellation) == .milliseconds(500))
    }

    @Test func waitersReserveTheirTokensSoTheRateHoldsUnderContention() throws {
        // Clock frozen: three callers arriving at once after the burst queue up 1 s apart.
        let frozen = HTTPEnvironment(
            monotonicNow: { .zero }, wallClock: { TestClock.wallOrigin }, sleep: { _, _ in }, random: { 0 })
        let budget = try RequestBudget(RateLimit(requestsPerSecond: 1, burst: 1), environment: frozen)
        let cancellation = HTTPCancellation()
        let waits = (0..<4).map { _ in budget.acquire(cancellation: cancellation) }
        #expect(waits == [.zero, .seconds(1), .seconds(2), .seconds(3)])
    }

    @Test func twoUsersOfOneRemoteShareItsBudget() throws {
        let server = try LoopbackHTTPServer { request in .respond(.text(200, request.path)) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(
            remote: testRemote(rateLimit: RateLimit(requestsPerSecond: 1, burst: 2)), environment: clock.environment())
        // Two mappings ("deals" and "leads") holding the same remote's client.
        let deals = { () throws(HTTPError) in _ = try client.send(HTTPRequest(.get, server.baseURL + "/deals")) }
        let leads = { () throws(HTTPError) in _ = try client.send(HTTPRequest(.get, server.baseURL + "/leads")) }
        for _ in 0..<3 {
            try deals()
            try leads()
        }
        #expect(server.requestCount == 6)
        #expect(clock.sleeps == Array(repeating: .seconds(1), count: 4))
    }

    @Test func clientsGivenTheSameBudgetShareIt() throws {
        let server = try LoopbackHTTPServer { _ in .respond(.empty(204)) }
        defer { server.stop() }
        let clock = TestClock()
        let budget = try RequestBudget(RateLimit(requestsPerSecond: 4, burst: 1), environment: clock.environment())
        let first = try HTTPClient(remote: testRemote("crm-a"), environment: clock.environment(), budget: budget)
        let second = try HTTPClient(remote: testRemote("crm-b"), environment: clock.environment(), budget: budget)
        _ = try first.send(HTTPRequest(.get, server.baseURL))
        _ = try second.send(HTTPRequest(.get, server.baseURL))
        _ = try first.send(HTTPRequest(.get, server.baseURL))
        #expect(clock.sleeps == [.milliseconds(250), .milliseconds(250)])
    }

    @Test func retriesSpendTokensToo() throws {
        let count = Counter()
        let server = try LoopbackHTTPServer { _ in count.next() == 1 ? .respond(.empty(503)) : .respond(.empty(204)) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(
            remote: testRemote(rateLimit: RateLimit(requestsPerSecond: 1, burst: 1)),
            environment: clock.environment(random: { 0 }))
        _ = try client.send(HTTPRequest(.get, server.baseURL))
        // Backoff slept 0 (random 0), then the retry waited a full second for its token.
        #expect(clock.sleeps == [.zero, .seconds(1)])
    }

    @Test func aCancelledWaitGivesItsTokenBack() throws {
        let cancellation = HTTPCancellation()
        let clock = TestClock()
        var environment = clock.environment()
        environment.sleep = { _, cancellation in cancellation.cancel() }
        let budget = try RequestBudget(RateLimit(requestsPerSecond: 1, burst: 1), environment: environment)
        #expect(budget.acquire(cancellation: cancellation) == .zero)
        #expect(budget.acquire(cancellation: cancellation) == nil)
        // Only the first request's deficit remains: one second after the start there is a token.
        clock.advance(by: .seconds(1))
        #expect(budget.acquire(cancellation: HTTPCancellation()) == .zero)
    }

    @Test func perDayStopsTheRestOfTheUTCDayAndComesBackTheNextDay() throws {
        let clock = TestClock()
        // The clock starts at midnight UTC; one hour in, three requests of the day are left.
        clock.advance(by: .seconds(3600))
        let budget = try RequestBudget(RateLimit(requestsPerSecond: 100, burst: 100, perDay: 3), environment: clock.environment())
        #expect((0..<3).map { _ in budget.spendFromDay() } == [true, true, true])
        #expect(!budget.spendFromDay())
        #expect(budget.spentToday == 3)
        #expect(budget.nextDay == TestClock.wallOrigin.addingTimeInterval(86_400))
        // Still the same UTC day a second before midnight; a new allocation at midnight.
        clock.advance(by: .seconds(86_400 - 3600 - 1))
        #expect(!budget.spendFromDay())
        clock.advance(by: .seconds(1))
        #expect(budget.spendFromDay())
        #expect(budget.spentToday == 1)
    }

    @Test func aClientStopsSendingWhenTheDaysRequestsAreSpent() throws {
        let count = Counter()
        let server = try LoopbackHTTPServer { _ in count.next(); return .respond(.empty(204)) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(
            remote: testRemote(rateLimit: RateLimit(requestsPerSecond: 100, burst: 100, perDay: 2)), environment: clock.environment())
        for _ in 0..<2 { _ = try client.send(HTTPRequest(.get, server.baseURL)) }
        var refused: HTTPError?
        do {
            _ = try client.send(HTTPRequest(.get, server.baseURL))
        } catch {
            refused = error
        }
        #expect(refused?.kind == .dailyBudget)
        #expect(refused.map(String.init(describing:))?.contains("requestBudget.perDay") == true)
        #expect(count.current == 2, "the third request never reached the remote")
        clock.advance(by: .seconds(86_400))
        _ = try client.send(HTTPRequest(.get, server.baseURL))
        #expect(count.current == 3)
    }

    @Test func aZeroPerDayIsRefused() {
        #expect(throws: HTTPError.self) { try RequestBudget(RateLimit(requestsPerSecond: 1, burst: 1, perDay: 0)) }
    }
}
