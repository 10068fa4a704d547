import Foundation
import Glibc
import Synchronization
import SyncCore
@testable import SyncDaemon

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Scratch directories under /tmp, removed when the test process exits (tests share
/// them with threads and child processes that outlive a test function's scope, so
/// not at the end of each test; before, every run left a few hundred behind).
enum TemporaryDirectory {
    private static let made = Mutex<[String]>([])

    static func make() throws -> String {
        var template = Array("/tmp/channelsync-daemon-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return nil }
            return String(cString: result)
        }
        guard let path else { throw TestFailure("mkdtemp failed: errno \(errno)") }
        made.withLock { paths in
            if paths.isEmpty { atexit { TemporaryDirectory.removeAll() } }
            paths.append(path)
        }
        return path
    }

    private static func removeAll() {
        for path in made.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// Polls `condition` every few milliseconds until it holds or `timeout` passes.
/// Real time is unavoidable for Dispatch timers; the timeouts are generous so a
/// loaded 2-core machine does not fail the test, and success returns early.
func eventually(timeout: Duration = .seconds(10), _ condition: @Sendable () -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}

/// Runs blocking work on its own thread, so the test's cooperative thread stays free.
func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}

/// Signals delivered by the test instead of the kernel.
final class ManualSignals: SignalSource {
    private let handler = Mutex<(@Sendable (ProcessSignal) -> Void)?>(nil)

    func start(_ handler: @escaping @Sendable (ProcessSignal) -> Void) {
        self.handler.withLock { $0 = handler }
    }

    func cancel() {
        handler.withLock { $0 = nil }
    }

    var isStarted: Bool { handler.withLock { $0 != nil } }

    func deliver(_ signal: ProcessSignal) {
        handler.withLock { $0 }?(signal)
    }
}

/// Collects what a logger emits.
final class LogCapture: Sendable {
    private let events = Mutex<[LogEvent]>([])
    private let onEvent: (@Sendable (LogEvent) -> Void)?

    /// `onEvent` runs on the logging thread as each event is captured (e.g. to put a
    /// marker into the notify socket's sequence at that exact moment).
    init(onEvent: (@Sendable (LogEvent) -> Void)? = nil) {
        self.onEvent = onEvent
    }

    func logger(level: LogLevel = .debug, redactor: LogRedactor = LogRedactor()) -> Logger {
        Logger(level: level, redactor: redactor) { [self] event in
            events.withLock { $0.append(event) }
            onEvent?(event)
        }
    }

    var all: [LogEvent] { events.withLock { $0 } }

    func contains(_ message: String) -> Bool { all.contains { $0.message.contains(message) } }

    func lines(style: LogStyle = .journal) -> [String] { all.map { LogLine.render($0, style: style) } }
}

/// A gate a test cycle blocks on until the test opens it.
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let opened = Mutex(false)

    func wait() { semaphore.wait(); semaphore.signal() }

    func open() {
        let first = opened.withLock { opened -> Bool in
            defer { opened = true }
            return !opened
        }
        if first { semaphore.signal() }
    }
}

/// A thread-safe box for values tests read and write from several queues.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    var get: Value { value.withLock { $0 } }
    func set(_ newValue: Value) { value.withLock { $0 = newValue } }
    @discardableResult func update<R: Sendable>(_ body: @Sendable (inout Value) -> R) -> R { value.withLock { body(&$0) } }
}

/// `run()` on its own thread; the outcome arrives when it returns.
final class BackgroundRun: Sendable {
    private let result = Shared<RunOutcome?>(nil)

    init<Config>(_ runtime: DaemonRuntime<Config>) {
        Thread { [result] in result.set(runtime.run()) }.start()
    }

    var outcome: RunOutcome? { result.get }

    func wait(timeout: Duration = .seconds(15)) async -> RunOutcome? {
        _ = await eventually(timeout: timeout) { self.outcome != nil }
        return outcome
    }
}
