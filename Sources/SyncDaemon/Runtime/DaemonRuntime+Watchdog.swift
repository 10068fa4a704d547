import Dispatch

extension DaemonRuntime {
    /// Pings every `WATCHDOG_USEC/2` unless a running cycle is stalled (see
    /// `WatchdogRule`); the first tick comes right away.
    func startWatchdog() {
        guard let interval = environment.watchdogInterval else { return }
        let nanos = Int(clamping: max(1_000_000, interval.nanoseconds))
        watchdogTimer.setEventHandler { [weak self] in self?.watchdogTick() }
        watchdogTimer.schedule(deadline: .now(), repeating: .nanoseconds(nanos), leeway: .nanoseconds(nanos / 10))
    }

    private func watchdogTick() {
        let now = environment.clock.now()
        let (verdict, changed) = state.withLock { state -> (WatchdogRule.Verdict, Bool) in
            let verdict = WatchdogRule.verdict(running: state.running, now: now,
                                               stallTimeout: state.current.settings.stallTimeout)
            let stalled: [String] = if case let .withhold(mappings) = verdict { mappings } else { [] }
            defer { state.stalled = stalled }
            return (verdict, stalled != state.stalled)
        }
        switch verdict {
        case .ping:
            if changed { logger.info("cycles progress again; watchdog pings resumed") }
            notify([.watchdog])
        case let .withhold(stalled):
            if changed {
                logger.error("cycle made no progress within the stall timeout; withholding watchdog pings",
                             ["stalled": stalled.joined(separator: ",")])
            }
        }
    }
}
