import Dispatch
import Synchronization

/// One mapping's serial queue and timer. The timer is one-shot and re-armed
/// only after the cycle returns, on the same serial queue, so a cycle can
/// never overlap itself and a slow cycle never causes a burst of catch-up runs.
final class MappingLoop: Sendable {
    let mapping: String
    let queue: DispatchQueue
    // `nonisolated(unsafe)`: libdispatch sources are thread-safe objects (schedule,
    // activate, cancel may be called from any thread) that Swift does not mark
    // Sendable; the reference itself never changes.
    nonisolated(unsafe) private let timer: DispatchSourceTimer
    private let state: Mutex<State>
    private let random: JitterRandom
    private let body: @Sendable (String) -> Void

    private struct State {
        var schedule: MappingSchedule
        var stopped = false
    }

    init(schedule: MappingSchedule, random: JitterRandom, body: @escaping @Sendable (String) -> Void) {
        mapping = schedule.mapping
        queue = DispatchQueue(label: "channelsync.mapping.\(schedule.mapping)")
        timer = DispatchSource.makeTimerSource(queue: queue)
        state = Mutex(State(schedule: schedule))
        self.random = random
        self.body = body
        // Active from the start (no deadline until `start`): libdispatch traps when
        // an inactive source is released.
        timer.activate()
    }

    func start() {
        let delay = state.withLock { ScheduleDelay.initial($0.schedule, random: random) }
        timer.setEventHandler { [weak self] in self?.fire() }
        arm(after: delay)
    }

    /// Takes effect when the timer is next armed (after the running or next cycle).
    func update(_ schedule: MappingSchedule) {
        state.withLock { $0.schedule = schedule }
    }

    /// Cancels the timer; a cycle already running finishes (the runtime waits for it).
    func stop() {
        state.withLock { $0.stopped = true }
        timer.cancel()
    }

    private func fire() {
        guard !state.withLock({ $0.stopped }) else { return }
        body(mapping)
        let delay: Duration? = state.withLock {
            $0.stopped ? nil : ScheduleDelay.next($0.schedule, random: random)
        }
        if let delay { arm(after: delay) }
    }

    private func arm(after delay: Duration) {
        let nanos = Int(clamping: max(0, delay.nanoseconds))
        let leeway = Int(clamping: min(nanos / 20, 1_000_000_000))
        timer.schedule(deadline: .now() + .nanoseconds(nanos), repeating: .never, leeway: .nanoseconds(leeway))
    }
}
