import Glibc
import Testing
import SyncCore
@testable import SyncDaemon

/// The daemon's signal source. A `DispatchSourceSignal` armed by `activate()` lost a
/// signal raised right after it (30 of 30 SIGHUPs sent right after `start` in a first version of this test):
/// libdispatch arms it asynchronously. The pipe must lose none, before or after `start`.
@Suite("Signal pipe", .serialized)
struct SignalPipeTests {
    @Test func signalsRaisedBeforeAndRightAfterStartAreAllDelivered() async throws {
        let pipe = try SignalPipe.install([.hangup])
        // Before anyone listens: held in the pipe.
        kill(getpid(), SIGHUP)
        let received = Shared<[ProcessSignal]>([])
        pipe.start { signal in received.update { $0.append(signal) } }
        #expect(await eventually(timeout: .seconds(30)) { received.get.count == 1 }, "the signal sent before start")
        // One at a time: POSIX merges a signal sent while the same one is still pending.
        for count in 2...21 {
            kill(getpid(), SIGHUP)
            let delivered = await eventually(timeout: .seconds(30)) { received.get.count >= count }
            #expect(delivered, "signal \(count) was lost")
            if !delivered { break }
        }
        pipe.cancel()
        #expect(received.get.count == 21 && received.get.allSatisfy { $0 == .hangup }, "\(received.get)")

        // Cancelled: held for the next listener, never lost and never fatal.
        kill(getpid(), SIGHUP)
        let again = Shared(0)
        pipe.start { _ in again.update { $0 += 1 } }
        #expect(await eventually(timeout: .seconds(30)) { again.get == 1 })
        pipe.cancel()
        #expect(received.get.count == 21, "a cancelled handler was still called")
    }

    @Test func installTwiceKeepsOnePipe() throws {
        let first = try SignalPipe.install([.hangup])
        let second = try SignalPipe.install([.hangup])
        #expect(first === second)
    }

    /// The one test of the runtime with the process's real signals (serialized with the
    /// tests above: the process has one pipe and one listener at a time).
    @Test func sighupThroughTheSignalPipeAndReloadWaitSeeTheOutcome() async throws {
        let state = try TemporaryDirectory.make()
        let capture = LogCapture()
        let accept = Shared(true)
        let environment = RuntimeEnvironment(
            logger: capture.logger(), signals: try SignalPipe.install([.hangup]),
            random: JitterRandom { 0 }, stateDirectory: state, build: BuildInfo(version: "t"))
        let settings = RuntimeHarness.settings(interval: .seconds(3600))
        let runtime = DaemonRuntime<String>(
            initial: LoadedConfig(config: "v1", settings: settings), environment: environment,
            loader: {
                guard accept.get else { throw DaemonError.configRejected(problems: ["deals.json5:1:1: broken"]) }
                return LoadedConfig(config: "v2", settings: settings)
            },
            cycle: { _ in CycleReport() })
        let run = BackgroundRun(runtime)
        let files = ControlFiles(stateDirectory: state)
        #expect(await eventually { files.readPID() == getpid() })
        // One SIGHUP is enough: the pipe holds it even if the runtime is not listening yet.
        kill(getpid(), SIGHUP)
        #expect(await eventually(timeout: .seconds(20)) { files.readReloadStatus()?.generation ?? 0 >= 1 })
        accept.set(false)
        let request = ReloadRequest(stateDirectory: state, timeout: .seconds(20))
        let outcome = await offPool { Result { try request.send(wait: true) } }
        guard case let .success(.rejected(generation, problems))? = Optional(outcome) else {
            Issue.record("expected a rejected reload, got \(outcome)")
            runtime.stop()
            _ = await run.wait()
            return
        }
        #expect(generation >= 2)
        #expect(problems == ["deals.json5:1:1: broken"])
        accept.set(true)
        let applied = await offPool { Result { try request.send(wait: true) } }
        #expect((try? applied.get())?.flatMap { if case .applied = $0 { true } else { false } } == true)
        runtime.stop()
        #expect(await run.wait() == .stopped)
        #expect(files.readPID() == nil, "the pid file is removed on a clean stop")
    }
}
