import Dispatch

extension DaemonRuntime {
    /// First stop request: stop scheduling, tell systemd, wait for in-flight
    /// cycles (bounded by the stop timeout). Second: abort at once.
    func requestStop(_ signal: ProcessSignal) {
        let action = state.withLock { state -> (first: Bool, timeout: Duration, running: [String])? in
            switch state.phase {
            case .created, .running:
                state.phase = .stopping
                return (true, state.current.settings.stopTimeout, state.running.keys.sorted())
            case .stopping:
                return (false, .zero, state.running.keys.sorted())
            case .finished:
                return nil
            }
        }
        guard let action else { return }
        guard action.first else {
            logger.warning("second stop signal: aborting now", ["signal": signal.name,
                                                                 "running": action.running.joined(separator: ",")])
            finish(.aborted(signal))
            return
        }
        logger.info("stopping: no new cycles; waiting for running ones", [
            "signal": signal.name, "running": action.running.joined(separator: ","),
            "timeout_s": String(action.timeout.seconds),
        ])
        scheduler.stop()
        notify([.stopping, .status(statusText())])
        inFlight.notify(queue: control) { [self] in finish(.stopped) }
        let nanos = Int(clamping: max(0, action.timeout.nanoseconds))
        control.asyncAfter(deadline: .now() + .nanoseconds(nanos)) { [self] in
            let running = state.withLock { $0.running.keys.sorted() }
            finish(.stopTimedOut(running: running))
        }
    }

    /// The first outcome wins; later calls do nothing.
    func finish(_ outcome: RunOutcome) {
        let first = state.withLock { state -> Bool in
            guard state.outcome == nil else { return false }
            state.outcome = outcome
            state.phase = .finished
            return true
        }
        guard first else { return }
        watchdogTimer.cancel()
        environment.signals.cancel()
        switch outcome {
        case .stopped:
            writeMetrics(wait: true)
            logger.info("stopped cleanly")
        case let .stopTimedOut(running):
            writeMetrics(wait: true)
            logger.error("stop timeout passed; abandoning running cycles", ["running": running.joined(separator: ",")])
        case .aborted:
            break
        }
        controlFiles?.removePID()
        finished.signal()
    }
}
