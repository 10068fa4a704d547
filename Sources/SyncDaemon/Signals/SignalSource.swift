/// Where the runtime learns of signals. Production uses `SignalPipe`;
/// tests deliver signals by hand, so the runtime is testable in-process without
/// touching process-wide signal state.
public protocol SignalSource: Sendable {
    /// Starts delivering; `handler` may run on any queue, once per signal received.
    func start(_ handler: @escaping @Sendable (ProcessSignal) -> Void)
    /// Stops delivering.
    func cancel()
}
