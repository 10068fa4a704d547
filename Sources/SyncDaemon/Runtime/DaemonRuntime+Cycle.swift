import SyncCore

extension DaemonRuntime {
    /// What `runCycle` decided before calling the cycle.
    private enum Start {
        case run(CycleContext<Config>, probes: [String], transitions: [CircuitTransition])
        case skip(remote: String, retryIn: Duration?, transitions: [CircuitTransition])
    }

    /// One timer fire on the mapping's queue: ask the breakers, run the cycle,
    /// fold its report into breakers, metrics and status.
    func runCycle(_ mapping: String) {
        let now = environment.clock.now()
        guard let start = begin(mapping, now: now) else { return }
        switch start {
        case let .skip(remote, retryIn, transitions):
            transitions.forEach { logger.log($0.logEvent) }
            logger.debug("cycle skipped: circuit open", [
                "mapping": mapping, "remote": remote,
                "retry_in_s": retryIn.map { String(Int($0.seconds.rounded(.up))) } ?? "after probe",
            ])
            publish()
        case let .run(context, probes, transitions):
            transitions.forEach { logger.log($0.logEvent) }
            context.logger.debug("cycle started")
            let report: CycleReport
            do {
                report = try cycle(context)
            } catch {
                report = CycleReport(failure: String(describing: error))
            }
            finish(context, report: report, probes: probes, startedAt: now)
        }
    }

    /// Under the lock: nothing starts once stopping; a remote with an open
    /// circuit skips the cycle; otherwise the cycle is registered as running.
    private func begin(_ mapping: String, now: MonotonicInstant) -> Start? {
        state.withLock { state -> Start? in
            guard state.phase == .running, let schedule = state.current.settings.schedule(for: mapping) else { return nil }
            var transitions: [CircuitTransition] = []
            var probes: [String] = []
            for remote in schedule.remotes {
                guard var breaker = state.breakers[remote] else { continue }
                let permit = breaker.permit(now: now)
                if let transition = permit.transition { transitions.append(transition) }
                state.breakers[remote] = breaker
                state.metrics.setCircuit(breaker.state.kind, remote: remote)
                switch permit.decision {
                case .allowed: continue
                case .probe: probes.append(remote)
                case let .rejected(retryAt):
                    for probe in probes { state.breakers[probe]?.abandonProbe() }
                    state.metrics.recordSkip(mapping: mapping)
                    let retryIn = retryAt.map { $0 - now }
                    state.summaries[mapping] = "skipped, circuit of \(remote) open"
                    return .skip(remote: remote, retryIn: retryIn, transitions: transitions)
                }
            }
            state.cycles += 1
            state.running[mapping] = CycleProgress(startedAt: now)
            inFlight.enter()
            let number = state.cycles
            let context = CycleContext(
                mapping: mapping, config: state.current.config, cycle: number,
                logger: logger.with("mapping", mapping).with("cycle", String(number)),
                remotes: schedule.remotes,
                progress: { [weak self] records in self?.pageDone(mapping, records: records) },
                stopping: { [weak self] in self?.state.withLock { $0.phase != .running } ?? true })
            return .run(context, probes: probes, transitions: transitions)
        }
    }

    private func finish(_ context: CycleContext<Config>, report: CycleReport, probes: [String], startedAt: MonotonicInstant) {
        let now = environment.clock.now()
        let duration = now - startedAt
        let finishedAt = environment.wallClock.now()
        let transitions = state.withLock { state -> [CircuitTransition] in
            state.running[context.mapping] = nil
            var transitions: [CircuitTransition] = []
            for (remote, outcome) in report.remotes.sorted(by: { $0.key < $1.key }) {
                guard var breaker = state.breakers[remote] else { continue }
                let transition = switch outcome {
                case .reached: breaker.recordSuccess(now: now)
                case let .failed(reason): breaker.recordFailure(now: now, reason: reason)
                }
                if let transition { transitions.append(transition) }
                state.breakers[remote] = breaker
            }
            for probe in probes where report.remotes[probe] == nil { state.breakers[probe]?.abandonProbe() }
            for (remote, breaker) in state.breakers { state.metrics.setCircuit(breaker.state.kind, remote: remote) }
            state.metrics.record(report, mapping: context.mapping, finishedAt: finishedAt, duration: duration)
            state.summaries[context.mapping] = StatusLine.summary(of: report, duration: duration, redactor: logger.redactor)
            return transitions
        }
        inFlight.leave()
        let milliseconds = String(Int((duration.seconds * 1000).rounded()))
        if let failure = report.failure {
            context.logger.error("cycle failed", ["reason": failure, "duration_ms": milliseconds])
        } else {
            // Routine success with nothing to do is debug; a cycle that moved records is info.
            context.logger.log(report.recordCount > 0 ? .info : .debug, "cycle finished", [
                "records": String(report.recordCount), "duration_ms": milliseconds,
                "pull_ms": String(report.pullMillis), "reconcile_ms": String(report.reconcileMillis),
                "summary": report.summary ?? "",
            ])
        }
        transitions.forEach { logger.log($0.logEvent) }
        publish()
    }

    /// A page done in a running cycle: progress for the watchdog; now and then
    /// a progress line in the log and a fresh `STATUS=`.
    func pageDone(_ mapping: String, records: Int) {
        let now = environment.clock.now()
        let report = state.withLock { state -> CycleProgress? in
            guard var progress = state.running[mapping] else { return nil }
            progress.pageDone(records: records, now: now)
            let due = progress.reportDue(now: now, interval: state.current.settings.progressInterval)
            state.running[mapping] = progress
            return due ? progress : nil
        }
        guard let report else { return }
        logger.info("sync progress", [
            "mapping": mapping, "pages": String(report.pages), "records": String(report.records),
            "records_per_s": String((report.rate(now: now) * 10).rounded() / 10),
        ])
        notify([.status(statusText())])
    }

    /// After a cycle (or a skip): `STATUS=` and the metrics file.
    func publish() {
        notify([.status(statusText())])
        writeMetrics()
    }

    /// Writes on one queue so an older snapshot can never be renamed over a newer one.
    func writeMetrics(wait: Bool = false) {
        let work: @Sendable () -> Void = { [self] in
            let (path, snapshot) = state.withLock { ($0.current.settings.metricsFile, $0.metrics) }
            guard let path else { return }
            do {
                try MetricsFile(path: path, redactor: logger.redactor).write(snapshot)
            } catch {
                logger.warning("metrics file not written", ["reason": String(describing: error)])
            }
        }
        if wait { metricsQueue.sync(execute: work) } else { metricsQueue.async(execute: work) }
    }
}
