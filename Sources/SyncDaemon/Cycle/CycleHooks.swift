/// What a cycle tells its caller while it runs, and asks it: progress after each page
/// pulled or batch written (the watchdog's food), and whether to stop early.
public struct CycleHooks: Sendable {
    let pageDone: @Sendable (_ records: Int) -> Void
    private let stopping: @Sendable () -> Bool

    public init(pageDone: @escaping @Sendable (_ records: Int) -> Void = { _ in },
                isStopping: @escaping @Sendable () -> Bool = { false }) {
        self.pageDone = pageDone
        stopping = isStopping
    }

    /// True once the caller asked the cycle to stop at the next batch boundary.
    var isStopping: Bool { stopping() }

    /// The runtime's hooks for one cycle.
    public init<Config>(_ context: CycleContext<Config>) {
        self.init(pageDone: { context.pageDone(records: $0) }, isStopping: { context.isStopping })
    }

    /// No progress reporting, never stops (`channelsync once`, tests).
    public static let none = CycleHooks()
}
