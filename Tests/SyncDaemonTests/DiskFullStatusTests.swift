import Glibc
import SyncCore
import SyncStore
import Testing
@testable import SyncDaemon

/// A full state disk in the daemon: the cycle's error keeps the store's words, `STATUS=`
/// shows "disk full" with the file instead of a cut-off sentence, each failing cycle is
/// logged once, and the daemon goes on with its next cycle.
@Suite("Runtime: a full state disk")
struct DiskFullStatusTests {
    static let path = "/var/lib/channelsync/channelsync.sqlite"
    static let full = StoreError.diskFull(path: path, cause: .noSpace, code: .full, freeBytes: 0,
                                          sql: "INSERT INTO journal (at) VALUES (?)")

    @Test func aStoreErrorOfAFullDiskBecomesADiskFullCycleError() {
        let error = CycleError.store("record the outcomes of 3 writes", Self.full)
        #expect(error == .diskFull(step: "record the outcomes of 3 writes", error: Self.full))
        #expect(error.description == "state database: record the outcomes of 3 writes: \(Self.full)")
        #expect(error.statusSummary == "disk full: \(Self.path), 0 bytes free")

        let busy = StoreError.sqlite(path: Self.path, code: .busy, message: "database is locked", sql: nil)
        let other = CycleError.store("open a cycle", busy)
        #expect(other == .state(step: "open a cycle", reason: busy.description))
        #expect(other.statusSummary == nil)
    }

    @Test func theStatusLineShowsTheSummaryInsteadOfACutSentence() {
        let error = CycleError.store("record the outcomes of 3 writes", Self.full)
        let report = CycleReport(failure: error.description, failureSummary: error.statusSummary)
        let line = StatusLine.summary(of: report, duration: .milliseconds(300), redactor: LogRedactor())
        #expect(line == "failed after 0.3s (disk full: \(Self.path), 0 bytes free)")

        // Without a summary the failure is cut as before.
        let plain = StatusLine.summary(of: CycleReport(failure: error.description), duration: .milliseconds(300),
                                       redactor: LogRedactor())
        #expect(plain == "failed after 0.3s (\(String(error.description.prefix(80))))")
    }

    @Test func eachFailingCycleIsLoggedOnceAndTheNextCycleRuns() async throws {
        let harness = try RuntimeHarness()
        defer { harness.socket.close() }
        let cycles = Shared(0)
        let runtime = try harness.runtime(settings: RuntimeHarness.settings(interval: .milliseconds(20))) { _ in
            let number = cycles.update { value -> Int in value += 1; return value }
            guard number > 2 else {
                let error = CycleError.store("record the outcomes of 3 writes", Self.full)
                return CycleReport(failure: error.description, failureSummary: error.statusSummary)
            }
            return CycleReport(summary: "nothing to do")
        }
        let run = BackgroundRun(runtime)
        #expect(await eventually { harness.capture.contains("cycle finished") || cycles.get > 3 })
        runtime.stop()
        #expect(await run.wait() == .stopped)

        let failed = harness.capture.all.filter { $0.message == "cycle failed" }
        #expect(failed.map { $0.value(of: "cycle") } == ["1", "2"], "one line per failing cycle")
        #expect(failed.allSatisfy { $0.level == .error && $0.value(of: "reason")?.contains("no space left on device for \(Self.path)") == true })
        #expect(harness.socket.assignments.contains {
            $0.hasPrefix("STATUS=deals: failed after") && $0.hasSuffix("s (disk full: \(Self.path), 0 bytes free)")
        }, "\(harness.socket.assignments)")
        #expect(harness.socket.assignments.contains { $0.hasPrefix("STATUS=deals: ok, nothing to do") }, "the next cycle ran")
    }
}
