import Foundation
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// `requestBudget.perDay` from the config: once a remote's requests for the UTC day are
/// spent, nothing more is sent to it; the writes it was owed are journaled as quota
/// failures and go out on the next day.
@Suite("Cycle: requestBudget.perDay")
struct CycleDailyBudgetTests {
    @Test("a spent day leaves the writes for the next UTC day, journaled, and sends nothing more")
    func spentDay() throws {
        // Salesforce may take 4 requests a day.
        let world = try CycleWorld { text in
            text.replacingOccurrences(of: "requestBudget: { perSecond: 10, burst: 20, perDay: 50000 }",
                                      with: "requestBudget: { perSecond: 10, burst: 20, perDay: 4 }")
        }
        // 401 portal deals: upserts of 200, 200 and 1 after the token and the query.
        try world.portal.seed("Deal", records: (0..<401).map(CycleRequestCountTests.deal))
        world.wait()
        let first = try world.cycle("deals")
        #expect(world.sandbox.store(.salesforce).totalRequests == 4, "nothing beyond the day's 4: \(world.requests)")
        #expect(first.crm.created == 400 && first.crm.failed == 1, "\(first)")
        #expect(world.salesforce.count("Opportunity") == 400)
        let rows = try world.state.journal(JournalQuery(mapping: "deals", limit: 1000))
        let waiting = rows.filter { $0.error?.contains("requestBudget.perDay") == true }
        #expect(waiting.count == 1 && waiting.first?.status == .failed, "\(waiting)")

        // Later the same day: the cycle stops at Salesforce's pull, sending it nothing.
        world.sandbox.resetCounters()
        world.wait(minutes: 60)
        var stopped: (any Error)?
        do { try world.cycle("deals") } catch { stopped = error }
        #expect(stopped.map(String.init(describing:))?.contains("requestBudget.perDay") == true, "\(String(describing: stopped))")
        #expect(world.sandbox.store(.salesforce).totalRequests == 0, "\(world.requests)")

        // The next UTC day (a daily complete scan): a new session, the scan, the deal that waited.
        world.sandbox.resetCounters()
        world.clock.advance(by: 86_400_000)
        let nextDay = try world.cycle("deals")
        #expect(nextDay.crm.created == 1 && nextDay.problems == 0, "\(nextDay.writes) \(world.requests.filter { $0.value > 0 })")
        #expect(world.salesforce.count("Opportunity") == 401)
        #expect(world.sandbox.store(.salesforce).totalRequests <= 4, "\(world.requests)")
    }
}
