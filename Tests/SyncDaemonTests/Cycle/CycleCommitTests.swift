import Foundation
import Synchronization
import Testing
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// Outcomes of one-request-per-record writes are committed in groups
/// (`CycleSettings.outcomeCommitWrites`), not after every batch, and none is left
/// uncommitted when the cycle ends.
@Suite("Cycle: outcome commits")
struct CycleCommitTests {
    @Test("outcomes are committed every outcomeCommitWrites writes and at the end of the side")
    func outcomesCommitInGroups() throws {
        let world = try CycleWorld()
        for index in 0..<25 {
            var fields = CycleDealsTests.acme
            fields["Name"] = .string("Deal \(index)")
            fields["Customer_Domain__c"] = .string("d\(index).example")
            fields["Customer_Email__c"] = .string("buyer@d\(index).example")
            try world.salesforce.seed("Opportunity", fields: fields)
        }
        world.wait()
        let path = world.state.path
        // What another connection sees committed after each batch the cycle reports.
        let seen = Mutex<[Int]>([])
        let hooks = CycleHooks(pageDone: { _ in
            guard let reader = try? SyncState.openReadOnly(path: path) else { return }
            defer { try? reader.close() }
            let outcomes = (try? reader.database.scalar("SELECT count(*) FROM journal WHERE intent_seq IS NOT NULL",
                                                        as: Int.self)) ?? -1
            seen.withLock { $0.append(outcomes) }
        })
        let mapping = try world.mapping("deals")
        let pair = try world.connectors.connectors(for: mapping)
        let clock = world.clock
        let cycle = try SyncCycle(mapping: mapping, crm: pair.crm, prm: pair.prm, state: world.state,
                                  settings: CycleSettings(singleWriteBatch: 5, outcomeCommitWrites: 10),
                                  clock: { clock.now() })
        let summary = try cycle.run(hooks: hooks)
        #expect(summary.prm.created == 25 && summary.problems == 0 && summary.cursorsAdvanced)
        // The pulls report their pages first; then five batches of five creates.
        #expect(seen.withLock { Array($0.suffix(5)) } == [0, 10, 10, 20, 20])
        #expect(try world.state.database.scalar("SELECT count(*) FROM journal WHERE intent_seq IS NOT NULL",
                                                as: Int.self) == 25)
        #expect(try world.state.pendingIntentCount(mapping: "deals") == 0)
    }
}
