import Glibc
import Testing
@testable import SyncDaemon

@Suite("Control files for reload --wait")
struct ControlFileTests {
    @Test func reloadStatusRoundTrips() {
        let status = ReloadStatus(pid: 42, generation: 3, result: .rejected,
                                  problems: ["mappings/deals.json5:4:7: unknown key 'feild'", "two\nlines"])
        let parsed = ReloadStatus.parse(status.encoded())
        #expect(parsed?.pid == 42 && parsed?.generation == 3 && parsed?.result == .rejected)
        #expect(parsed?.problems == ["mappings/deals.json5:4:7: unknown key 'feild'", "two lines"])
        #expect(parsed?.outcome == .rejected(generation: 3, problems: ["mappings/deals.json5:4:7: unknown key 'feild'", "two lines"]))
        #expect(ReloadStatus.parse("pid=1\nresult=applied\n") == nil)
        #expect(ReloadStatus.parse("garbage") == nil)
    }

    @Test func pidFileRoundTrips() throws {
        let files = ControlFiles(stateDirectory: try TemporaryDirectory.make() + "/")
        #expect(files.readPID() == nil)
        try files.writePID(1234)
        #expect(files.readPID() == 1234)
        files.removePID()
        #expect(files.readPID() == nil)
    }

    @Test func reloadWithoutARunningDaemonSaysSo() throws {
        let directory = try TemporaryDirectory.make()
        let request = ReloadRequest(stateDirectory: directory)
        #expect(throws: DaemonError.self) { try request.send(wait: true) }
        // A stale pid file naming a process that is gone.
        try ControlFiles(stateDirectory: directory).writePID(Int32.max - 1)
        do {
            _ = try request.send(wait: false)
            Issue.record("expected daemonNotFound")
        } catch {
            guard case .daemonNotFound = error else { Issue.record("unexpected \(error)"); return }
        }
    }

    @Test func mainPIDComesFromSystemd() {
        #expect(ReloadRequest.mainPID(environment: ["MAINPID": "812"]) == 812)
        #expect(ReloadRequest.mainPID(environment: ["MAINPID": "0"]) == nil)
        #expect(ReloadRequest.mainPID(environment: [:]) == nil)
    }
}
