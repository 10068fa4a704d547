/// Whether this watchdog tick may ping. The rule: ping unless some running
/// cycle is stalled, i.e. has neither started nor reported a page within the
/// stall timeout. An idle daemon (between cycles) pings; a slow cycle that keeps
/// finishing pages pings; a wedged one withholds the ping for the whole process,
/// even while other mappings finish cycles, so systemd's `WatchdogSec=` fires
/// and restarts it. (A global "something progressed" counter would let one busy
/// mapping hide another's hang, which is why progress is tracked per cycle.)
public enum WatchdogRule {
    public enum Verdict: Sendable, Hashable {
        case ping
        case withhold(stalled: [String])
    }

    public static func verdict(running: [String: CycleProgress], now: MonotonicInstant,
                               stallTimeout: Duration) -> Verdict {
        let stalled = running.filter { $0.value.isStalled(now: now, stallTimeout: stallTimeout) }.keys.sorted()
        return stalled.isEmpty ? .ping : .withhold(stalled: stalled)
    }
}
