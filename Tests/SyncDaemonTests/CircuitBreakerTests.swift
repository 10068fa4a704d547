import SyncCore
import Testing
@testable import SyncDaemon

@Suite("Circuit breaker state machine")
struct CircuitBreakerTests {
    let policy = CircuitPolicy(failureThreshold: 3, cooldown: .seconds(10), maxCooldown: .seconds(25))

    func at(_ seconds: Int) -> MonotonicInstant { MonotonicInstant(nanoseconds: UInt64(seconds) * 1_000_000_000) }

    @Test func opensAfterNConsecutiveFailuresOnly() {
        var breaker = CircuitBreaker(remote: "crm", policy: policy)
        #expect(breaker.recordFailure(now: at(0), reason: "timeout") == nil)
        #expect(breaker.recordFailure(now: at(1), reason: "timeout") == nil)
        #expect(breaker.recordSuccess(now: at(2)) == nil)
        #expect(breaker.recordFailure(now: at(3), reason: "timeout") == nil)
        #expect(breaker.recordFailure(now: at(4), reason: "timeout") == nil)
        let opened = breaker.recordFailure(now: at(5), reason: "HTTP 503")
        #expect(opened?.from == .closed && opened?.to == .open)
        #expect(opened?.cooldown == .seconds(10))
        #expect(breaker.state == .open(until: at(15), cooldown: .seconds(10)))
    }

    @Test func openRejectsUntilTheCooldownThenAllowsExactlyOneProbe() {
        var breaker = openBreaker(at: 0)
        #expect(breaker.permit(now: at(5)).decision == .rejected(retryAt: at(10)))
        #expect(breaker.permit(now: at(9)).decision == .rejected(retryAt: at(10)))
        let probe = breaker.permit(now: at(10))
        #expect(probe.decision == .probe)
        #expect(probe.transition?.from == .open && probe.transition?.to == .halfOpen)
        #expect(breaker.permit(now: at(11)).decision == .rejected(retryAt: nil))
        #expect(breaker.permit(now: at(12)).transition == nil)
    }

    @Test func probeSuccessCloses() {
        var breaker = openBreaker(at: 0)
        _ = breaker.permit(now: at(10))
        let closed = breaker.recordSuccess(now: at(11))
        #expect(closed?.to == .closed && closed?.from == .halfOpen)
        #expect(breaker.permit(now: at(11)).decision == .allowed)
        #expect(breaker.state == .closed(consecutiveFailures: 0))
    }

    @Test func probeFailureReopensWithDoubledCooldownUpToTheCap() {
        var breaker = openBreaker(at: 0)
        _ = breaker.permit(now: at(10))
        let reopened = breaker.recordFailure(now: at(11), reason: "HTTP 502")
        #expect(reopened?.from == .halfOpen && reopened?.to == .open && reopened?.cooldown == .seconds(20))
        #expect(breaker.permit(now: at(30)).decision == .rejected(retryAt: at(31)))
        _ = breaker.permit(now: at(31))
        #expect(breaker.recordFailure(now: at(32), reason: "x")?.cooldown == .seconds(25))
        _ = breaker.permit(now: at(57))
        #expect(breaker.recordFailure(now: at(58), reason: "x")?.cooldown == .seconds(25))
    }

    @Test func anAbandonedProbeLetsTheNextCallerProbe() {
        var breaker = openBreaker(at: 0)
        #expect(breaker.permit(now: at(10)).decision == .probe)
        breaker.abandonProbe()
        #expect(breaker.permit(now: at(10)).decision == .probe)
        #expect(breaker.permit(now: at(10)).decision == .rejected(retryAt: nil))
    }

    @Test func lateReportsWhileOpenChangeNothing() {
        var breaker = openBreaker(at: 0)
        let before = breaker.state
        #expect(breaker.recordSuccess(now: at(1)) == nil)
        #expect(breaker.recordFailure(now: at(2), reason: "x") == nil)
        #expect(breaker.state == before)
    }

    @Test func everyTransitionIsALogEvent() {
        var breaker = CircuitBreaker(remote: "partner-portal", policy: policy)
        var transitions: [CircuitTransition] = []
        for second in 0..<3 {
            if let transition = breaker.recordFailure(now: at(second), reason: "HTTP 503") { transitions.append(transition) }
        }
        if let transition = breaker.permit(now: at(20)).transition { transitions.append(transition) }
        if let transition = breaker.recordSuccess(now: at(21)) { transitions.append(transition) }
        let events = transitions.map(\.logEvent)
        #expect(events.map(\.level) == [.warning, .info, .info])
        #expect(events.map { $0.value(of: "to") } == ["open", "half_open", "closed"])
        #expect(events.allSatisfy { $0.value(of: "remote") == "partner-portal" })
        #expect(events[0].value(of: "retry_in_s") == "10")
        #expect(events[0].value(of: "reason")?.contains("HTTP 503") == true)
    }

    private func openBreaker(at second: Int) -> CircuitBreaker {
        var breaker = CircuitBreaker(remote: "crm", policy: policy)
        for _ in 0..<3 { _ = breaker.recordFailure(now: at(second), reason: "timeout") }
        return breaker
    }
}
