import SyncCore

/// What one run of the sync cycle gets from the runtime: its mapping, the
/// config snapshot it must use throughout (a reload never changes it mid-cycle),
/// a logger, and two hooks: `pageDone` to report
/// progress, `isStopping` to end early at a batch boundary.
public struct CycleContext<Config: Sendable>: Sendable {
    public let mapping: String
    public let config: Config
    /// Process-wide sequence number of this cycle, for logs and the journal.
    public let cycle: Int
    /// Carries `mapping=` and `cycle=` fields.
    public let logger: Logger
    /// The remotes this mapping uses, from its schedule.
    public let remotes: [String]
    private let progress: @Sendable (Int) -> Void
    private let stopping: @Sendable () -> Bool

    /// The runtime builds contexts; this is public so a one-off run (`channelsync once`)
    /// or a test can call the cycle without a runtime.
    public init(mapping: String, config: Config, cycle: Int = 1, logger: Logger, remotes: [String] = [],
                progress: @escaping @Sendable (Int) -> Void = { _ in },
                stopping: @escaping @Sendable () -> Bool = { false }) {
        self.mapping = mapping
        self.config = config
        self.cycle = cycle
        self.logger = logger
        self.remotes = remotes
        self.progress = progress
        self.stopping = stopping
    }

    /// Call after each page pulled or batch written: keeps the watchdog fed and
    /// feeds the progress log and `STATUS=`. A cycle that stops calling this for
    /// longer than the stall timeout is treated as wedged.
    public func pageDone(records: Int) { progress(records) }

    /// True once a stop was requested: finish the batch in flight, commit its
    /// outcomes, and return instead of starting the next page.
    public var isStopping: Bool { stopping() }
}
