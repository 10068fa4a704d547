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

    /// New remotes take effect at the next cycle. New timing re-arms the timer
    /// from now (on the mapping's queue, so never during a cycle): a reload from
    /// a 1 h to a 1 min interval must not wait out the old hour. Unchanged timing
    /// leaves the countdown alone, so frequent reloads do not postpone cycles.
    func update(_ schedule: MappingSchedule) {
        let retimed = state.withLock { state -> Bool in
            defer { state.schedule = schedule }
            return state.schedule.interval != schedule.interval || state.schedule.jitter != schedule.jitter
        }
        guard retimed else { return }
        queue.async { [weak self] in
            guard let self, let delay = nextDelay() else { return }
            arm(after: delay)
        }
    }

    /// Cancels the timer; a cycle already running finishes (the runtime waits for it).
    func stop() {
        state.withLock { $0.stopped = true }
        timer.cancel()
    }

    private func fire() {
        guard !state.withLock({ $0.stopped }) else { return }
        body(mapping)
        if let delay = nextDelay() { arm(after: delay) }
    }

    private func nextDelay() -> Duration? {
        state.withLock { $0.stopped ? nil : ScheduleDelay.next($0.schedule, random: random) }
    }

    private func arm(after delay: Duration) {
        let nanos = Int(clamping: max(0, delay.nanoseconds))
        let leeway = Int(clamping: min(nanos / 20, 1_000_000_000))
        timer.schedule(deadline: .now() + .nanoseconds(nanos), repeating: .never, leeway: .nanoseconds(leeway))
    }
}
