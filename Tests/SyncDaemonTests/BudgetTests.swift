import Testing
@testable import SyncDaemon

@Suite("Shared request budgets")
struct BudgetTests {
    func at(_ milliseconds: Int) -> MonotonicInstant { MonotonicInstant(nanoseconds: UInt64(milliseconds) * 1_000_000) }

    @Test func bucketAllowsABurstThenRefillsAtTheRate() {
        var bucket = TokenBucket(policy: BudgetPolicy(requestsPerSecond: 10, burst: 3))
        #expect((0..<3).map { _ in bucket.take(now: at(0)) } == [.zero, .zero, .zero])
        #expect(bucket.take(now: at(0)) == .milliseconds(100))
        #expect(bucket.take(now: at(50)) == .milliseconds(50))
        #expect(bucket.take(now: at(100)) == .zero)
        // A long pause refills only up to the burst.
        #expect((0..<4).map { _ in bucket.take(now: at(10_000)) == .zero } == [true, true, true, false])
    }

    @Test func shrinkingTheBurstKeepsNoMoreTokensThanTheNewBurst() {
        var bucket = TokenBucket(policy: BudgetPolicy(requestsPerSecond: 1, burst: 10))
        bucket.update(policy: BudgetPolicy(requestsPerSecond: 1, burst: 2), now: at(0))
        #expect([bucket.take(now: at(0)), bucket.take(now: at(0))] == [.zero, .zero])
        #expect(bucket.take(now: at(0)) > .zero)
    }

    @Test func mappingsSharingARemoteDrawFromOneBudget() {
        let time = Shared(at(0))
        let clock = MonotonicClock { time.get }
        let budget = RequestBudget(remote: "crm", policy: BudgetPolicy(requestsPerSecond: 1, burst: 4), clock: clock)
        // Two "mappings" hold the same object; together they get the burst, not twice it.
        let deals = budget, leads = budget
        let granted = (0..<3).map { _ in deals.tryAcquire() == .zero } + (0..<3).map { _ in leads.tryAcquire() == .zero }
        #expect(granted.filter { $0 }.count == 4)
        time.set(at(1_000))
        #expect(leads.tryAcquire() == .zero)
    }

    @Test func acquireGivesUpWhenTheDaemonStops() {
        let time = Shared(at(0))
        let budget = RequestBudget(remote: "crm", policy: BudgetPolicy(requestsPerSecond: 0.001, burst: 1),
                                   clock: MonotonicClock { time.get })
        #expect(budget.acquire())
        #expect(!budget.acquire(shouldStop: { true }))
    }
}
