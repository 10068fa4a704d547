import Dispatch
import Glibc
import Synchronization

/// Signals through `DispatchSourceSignal`. The default action of each signal is
/// set to ignore *before* its source is created, so a signal arriving in
/// between cannot kill the process; libdispatch then installs its own handler
/// and reads the signal through a signalfd.
public final class DispatchSignalSource: SignalSource {
    private let signals: [ProcessSignal]
    private let queue: DispatchQueue
    private let sources = Mutex(SourceList())

    // `@unchecked Sendable`: libdispatch sources are thread-safe objects Swift does
    // not mark Sendable, and the list itself is only touched under the `Mutex`.
    private struct SourceList: @unchecked Sendable {
        var items: [DispatchSourceSignal] = []
    }

    public init(signals: [ProcessSignal] = ProcessSignal.allCases,
                queue: DispatchQueue = DispatchQueue(label: "channelsync.signals")) {
        self.signals = signals
        self.queue = queue
    }

    public func start(_ handler: @escaping @Sendable (ProcessSignal) -> Void) {
        var created: [DispatchSourceSignal] = []
        for processSignal in signals {
            signal(processSignal.number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: processSignal.number, queue: queue)
            // The handler holds the source; cancel() breaks the cycle (libdispatch frees handlers on cancel).
            source.setEventHandler {
                // Signals that arrive before the handler runs are coalesced; `data` counts them.
                for _ in 0..<max(1, Int(source.data)) { handler(processSignal) }
            }
            source.activate()
            created.append(source)
        }
        let batch = SourceList(items: created)
        sources.withLock { $0.items.append(contentsOf: batch.items) }
    }

    public func cancel() {
        let all = sources.withLock { sources -> SourceList in
            defer { sources.items.removeAll() }
            return sources
        }
        all.items.forEach { $0.cancel() }
    }
}
