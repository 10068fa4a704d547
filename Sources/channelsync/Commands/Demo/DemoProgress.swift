import Foundation
import SyncDaemon

/// The demo's view of the running daemon: prints one line per cycle that did
/// something, sums what every mapping did, runs the story's edits *between* two
/// cycles of a mapping (on the mapping's queue, so no cycle can see half of them),
/// and lets the story wait for cycles instead of sleeping.
///
/// `@unchecked Sendable`: every stored `var` is only touched with `condition` locked;
/// `console` and `started` are immutable.
final class DemoProgress: @unchecked Sendable {
    private let console: Console
    private let started = ContinuousClock.now
    private let condition = NSCondition()
    private var tallies: [String: DemoTally] = [:]
    /// Cycles finished per mapping, and the number of the last one that found nothing to do.
    private var finished: [String: Int] = [:]
    private var lastQuiet: [String: Int] = [:]
    private var pendingSummary: [String: CycleSummary] = [:]
    private var actions: [String: [@Sendable (_ afterCycle: Int) -> Void]] = [:]
    private var cancelled = false
    private var announced = false

    init(console: Console) {
        self.console = console
    }

    /// Seconds since the demo started, for the line prefix.
    var elapsed: Double {
        let duration = ContinuousClock.now - started
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    func say(_ text: String) {
        console.out(String(format: "[%5.1fs] ", elapsed) + text)
    }

    // MARK: Called by the daemon, on the mapping's queue

    /// As a cycle starts: the first one says the daemon runs (its signal handling is
    /// in place by then, so Ctrl-C from here on stops it cleanly).
    func daemonRunning() {
        condition.lock()
        defer { condition.unlock() }
        guard !announced else { return }
        announced = true
        say("Daemon started: deals and leads, a cycle each every \(DemoConfigEdit.interval); the first sync begins.")
    }

    /// `CycleRunner`'s hook: the summary of a cycle that ran to the end.
    func observe(_ summary: CycleSummary) {
        condition.lock()
        pendingSummary[summary.mapping] = summary
        condition.unlock()
    }

    /// After every cycle (also a failed one): print, count, then run the story's
    /// edits queued for this mapping, before the mapping's next cycle can start.
    func cycleFinished(mapping: String, report: CycleReport) {
        condition.lock()
        let summary = pendingSummary.removeValue(forKey: mapping)
        var tally = tallies[mapping] ?? DemoTally()
        let number = (finished[mapping] ?? 0) + 1
        finished[mapping] = number
        if let failure = report.failure {
            tally.cycles += 1
            tally.failedCycles += 1
            say("\(mapping) cycle \(number) failed: \(failure)")
        } else if let summary {
            tally.add(summary)
            if summary.hasChanges || summary.problems > 0 {
                say("\(Self.padded(mapping)) cycle \(number): " + Self.describe(summary))
            } else {
                lastQuiet[mapping] = number
            }
        }
        tallies[mapping] = tally
        let queued = actions.removeValue(forKey: mapping) ?? []
        condition.broadcast()
        condition.unlock()
        guard !queued.isEmpty else { return }
        queued.forEach { $0(number) }
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }

    // MARK: Called by the story

    /// Runs `edit` right after the next cycle of `mapping` ends, before the one after
    /// starts. Returns the number of the cycle it ran after, or nil when cancelled or
    /// `deadline` passed first.
    func betweenCycles(of mapping: String, deadline: Date, _ edit: @escaping @Sendable () -> Void) -> Int? {
        let ranAfter = CycleNumber()
        condition.lock()
        defer { condition.unlock() }
        actions[mapping, default: []].append { number in
            edit()
            ranAfter.value = number
        }
        while ranAfter.value == nil {
            if cancelled || !condition.wait(until: deadline) {
                // Not run yet: take it back so it never runs after we gave up.
                actions[mapping] = nil
                return ranAfter.value
            }
        }
        return ranAfter.value
    }

    /// Waits until `check` holds after a cycle of `mapping` later than `cycle` finished,
    /// re-checking after each (so that cycle's line is printed before the story says
    /// what it achieved). False when cancelled or `deadline` passed first.
    func wait(for mapping: String, after cycle: Int, until deadline: Date, _ check: () -> Bool) -> Bool {
        var seen = cycle
        while true {
            condition.lock()
            while finished[mapping, default: 0] <= seen, !cancelled {
                guard condition.wait(until: deadline) else {
                    condition.unlock()
                    return false
                }
            }
            seen = finished[mapping, default: 0]
            let stop = cancelled
            condition.unlock()
            if stop { return false }
            if check() { return true }
        }
    }

    /// Waits until each mapping has finished a cycle that found nothing to do and that
    /// started after this call (the second cycle to finish from now on, or later).
    func waitForQuietCycles(of mappings: [String], until deadline: Date) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let marks = mappings.map { ($0, (finished[$0] ?? 0) + 2) }
        while !marks.allSatisfy({ lastQuiet[$0.0, default: 0] >= $0.1 }) {
            if cancelled || !condition.wait(until: deadline) { return false }
        }
        return true
    }

    /// Makes every wait return false at once (the daemon stopped).
    func cancel() {
        condition.lock()
        cancelled = true
        actions = [:]
        condition.broadcast()
        condition.unlock()
    }

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// What every mapping did so far.
    var snapshot: [String: DemoTally] {
        condition.lock()
        defer { condition.unlock() }
        return tallies
    }

    // MARK: Lines

    static func padded(_ mapping: String) -> String {
        mapping.count >= 5 ? mapping : mapping + String(repeating: " ", count: 5 - mapping.count)
    }

    /// e.g. `CRM 45 created · portal 165 created, 2 updated · 15 linked`.
    static func describe(_ summary: CycleSummary) -> String {
        var parts: [String] = []
        for (label, counts) in [("CRM", summary.crm), ("portal", summary.prm)] {
            let side = describe(counts)
            if !side.isEmpty { parts.append("\(label) " + side) }
        }
        if summary.linked > 0 { parts.append("\(summary.linked) linked") }
        if summary.conflicts > 0 { parts.append("\(summary.conflicts) conflict\(summary.conflicts == 1 ? "" : "s") for you") }
        return parts.isEmpty ? "nothing to do" : parts.joined(separator: " · ")
    }

    static func describe(_ counts: CycleSummary.SideCounts) -> String {
        var parts: [String] = []
        if counts.created > 0 { parts.append("\(counts.created) created") }
        if counts.updated > 0 { parts.append("\(counts.updated) updated") }
        if counts.deleted > 0 { parts.append("\(counts.deleted) deleted") }
        let failed = counts.failed + counts.dead + counts.unsettled
        if failed > 0 { parts.append("\(failed) failed") }
        if counts.unreadable > 0 { parts.append("\(counts.unreadable) unreadable") }
        return parts.joined(separator: ", ")
    }
}
