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
        let perDay = 6
        let world = try CycleWorld { text in
            text.replacingOccurrences(of: "requestBudget: { perSecond: 10, burst: 20, perDay: 50000 }",
                                      with: "requestBudget: { perSecond: 10, burst: 20, perDay: \(perDay) }")
        }
        // 1,001 portal deals need 6 upserts of up to 200 after the token and the query:
        // more than the day allows.
        let deals = 1_001
        try world.portal.seed("Deal", records: (0..<deals).map(CycleRequestCountTests.deal))
        world.wait()
        let first = try world.cycle("deals")
        #expect(world.sandbox.store(.salesforce).totalRequests == perDay, "exactly the day's requests: \(world.requests)")
        let waiting = first.crm.failed
        #expect(waiting > 0 && first.crm.created + waiting == deals, "\(first)")
        #expect(world.salesforce.count("Opportunity") == first.crm.created)
        let rows = try world.state.journal(JournalQuery(mapping: "deals", limit: 10_000))
        let journaled = rows.filter { $0.status == .failed && $0.error?.contains("requestBudget.perDay") == true }
        // One write can carry several journal rows (the create and the registration rule that made it).
        #expect(Set(journaled.compactMap(\.writeID)).count == waiting, "every write that waits says why")

        // Later the same day: the cycle stops at Salesforce's pull, sending it nothing.
        world.sandbox.resetCounters()
        world.wait(minutes: 60)
        var stopped: (any Error)?
        do { try world.cycle("deals") } catch { stopped = error }
        #expect(stopped.map(String.init(describing:))?.contains("requestBudget.perDay") == true, "\(String(describing: stopped))")
        #expect(world.sandbox.store(.salesforce).totalRequests == 0, "\(world.requests)")

        // The next UTC day (a daily complete scan): the writes that waited go out.
        world.sandbox.resetCounters()
        world.clock.advance(by: 86_400_000)
        let nextDay = try world.cycle("deals")
        #expect(nextDay.crm.created == waiting && nextDay.problems == 0, "\(nextDay.crm)")
        #expect(world.salesforce.count("Opportunity") == deals)
        #expect(world.sandbox.store(.salesforce).totalRequests <= perDay, "\(world.requests)")
    }
}
