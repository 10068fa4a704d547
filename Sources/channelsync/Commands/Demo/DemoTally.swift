import SyncDaemon

/// What the daemon did for one mapping during the demo, summed over its cycles.
struct DemoTally: Sendable {
    var cycles = 0
    var failedCycles = 0
    var crm = CycleSummary.SideCounts()
    var prm = CycleSummary.SideCounts()
    var linked = 0
    /// Conflicts opened for a person (`manual` policy).
    var conflictsOpened = 0

    mutating func add(_ summary: CycleSummary) {
        cycles += 1
        for (tally, counts) in [(\DemoTally.crm, summary.crm), (\DemoTally.prm, summary.prm)] {
            self[keyPath: tally].pulled += counts.pulled
            self[keyPath: tally].created += counts.created
            self[keyPath: tally].updated += counts.updated
            self[keyPath: tally].deleted += counts.deleted
            self[keyPath: tally].failed += counts.failed
            self[keyPath: tally].dead += counts.dead
            self[keyPath: tally].unsettled += counts.unsettled
            self[keyPath: tally].unreadable += counts.unreadable
        }
        linked += summary.linked
        conflictsOpened += summary.conflicts
    }

    /// Failed, dead or unsettled writes and unreadable records.
    var problems: Int {
        [crm, prm].reduce(0) { $0 + $1.failed + $1.dead + $1.unsettled + $1.unreadable }
    }
}
