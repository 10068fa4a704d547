import SyncCore
import Testing
@testable import SyncDaemon

@Suite("Status line")
struct StatusLineTests {
    @Test func aLongFailureIsRedactedBeforeItIsShortened() {
        let failure = String(repeating: "x", count: 60) + " user jane.doe@example.com locked"
        let summary = StatusLine.summary(of: CycleReport(failure: failure), duration: .seconds(2), redactor: LogRedactor())
        #expect(!summary.contains("jane") && !summary.contains("@"))
        #expect(summary.hasPrefix("failed after 2.0s (xxxx"))
    }

    @Test func runningMappingsShowProgressAndOthersTheirLastCycle() {
        var progress = CycleProgress(startedAt: MonotonicInstant(nanoseconds: 0))
        progress.pageDone(records: 500, now: MonotonicInstant(nanoseconds: 1_000_000_000))
        progress.pageDone(records: 500, now: MonotonicInstant(nanoseconds: 2_000_000_000))
        let line = StatusLine.render(mappings: ["deals", "leads", "partners"], running: ["leads": progress],
                                     summaries: ["deals": "ok, 3 records in 0.4s"], reloadProblems: ["x"],
                                     stopping: false, now: MonotonicInstant(nanoseconds: 4_000_000_000))
        #expect(line == "config reload rejected (1 problem), running the previous config; deals: ok, 3 records in 0.4s; "
            + "leads: syncing, 2 pages, 1000 records, 250.0 rec/s; partners: waiting for first cycle")
    }
}
