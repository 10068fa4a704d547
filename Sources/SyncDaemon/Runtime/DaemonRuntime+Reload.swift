import Dispatch

extension DaemonRuntime {
    /// Re-reads and validates the config now, as SIGHUP does, and returns the
    /// outcome. Must not be called from the runtime's own control queue.
    public func reload() -> ReloadOutcome {
        control.sync { performReload() }
    }

    /// On the control queue: RELOADING=1, load, swap in (between cycles: running
    /// cycles keep the config they started with) or keep the old one and log
    /// every problem, record the outcome for `reload --wait`, READY=1.
    func performReload() -> ReloadOutcome {
        guard state.withLock({ $0.phase == .running }) else {
            logger.info("reload ignored: the daemon is stopping")
            return .ignored
        }
        notify([.reloading(monotonicMicroseconds: environment.clock.now().microseconds)])
        logger.info("reloading config")
        let outcome: ReloadOutcome
        do {
            let loaded = try loader()
            let generation = state.withLock { state -> Int in
                state.current = loaded
                state.generation += 1
                state.reloadProblems = []
                applyResources(loaded.settings, to: &state)
                return state.generation
            }
            scheduler.apply(loaded.settings.schedules) { [weak self] mapping in self?.runCycle(mapping) }
            logger.info("config reloaded", ["generation": String(generation),
                                            "mappings": String(loaded.settings.schedules.count)])
            outcome = .applied(generation: generation)
        } catch {
            let problems = Self.problems(in: error)
            let generation = state.withLock { state -> Int in
                state.generation += 1
                state.reloadProblems = problems
                return state.generation
            }
            for problem in problems {
                logger.error("config reload rejected; keeping the running config", ["problem": problem])
            }
            outcome = .rejected(generation: generation, problems: problems)
        }
        record(outcome)
        notify([.ready, .status(statusText())])
        return outcome
    }

    static func problems(in error: any Error) -> [String] {
        if case let .configRejected(problems)? = error as? DaemonError, !problems.isEmpty { return problems }
        return [String(describing: error)]
    }

    private func record(_ outcome: ReloadOutcome) {
        guard let controlFiles else { return }
        let status = switch outcome {
        case let .applied(generation): ReloadStatus(pid: environment.pid, generation: generation, result: .applied)
        case let .rejected(generation, problems):
            ReloadStatus(pid: environment.pid, generation: generation, result: .rejected,
                         problems: problems.map { logger.redactor.redact(text: $0) })
        case .ignored: nil as ReloadStatus?
        }
        guard let status else { return }
        do {
            try controlFiles.writeReloadStatus(status)
        } catch {
            logger.warning("reload status not written; 'channelsync reload --wait' will time out",
                           ["reason": error.description])
        }
    }

    func writeControlFilesAtStart() {
        guard let controlFiles else { return }
        do {
            try controlFiles.writePID(environment.pid)
            try controlFiles.writeReloadStatus(ReloadStatus(pid: environment.pid, generation: 0, result: .started))
        } catch {
            logger.warning("control files not written; 'channelsync reload' works only with $MAINPID", ["reason": error.description])
        }
    }
}
