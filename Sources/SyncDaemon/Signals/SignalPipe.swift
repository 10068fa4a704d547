import Foundation
import Glibc
import Synchronization

/// Signals through a `sigaction` self-pipe: the handler only writes the signal number to
/// a pipe (async-signal-safe), one reader thread turns the bytes into calls.
///
/// Why not `DispatchSourceSignal`: libdispatch arms a signal source asynchronously after
/// `activate()`, and the default action has to be set to ignore before that, so a SIGTERM
/// arriving in between (right after READY=1, when systemd is quick) is silently lost and
/// the daemon never stops. Here `install` is synchronous: from its return on, every signal
/// is in the pipe, and one received before anyone listens waits there for the first
/// `start`. `channelsync run` installs it before it reads its config, so a stop during
/// start-up is acted on right after READY=1; `channelsync sandbox` waits on it too.
///
/// One pipe per process; `install` may be called again (it adds signals, keeps the pipe).
public final class SignalPipe: SignalSource {
    private struct Delivery {
        var handler: (@Sendable (ProcessSignal) -> Void)?
        /// Signals read while no handler was set, for the next one.
        var held: [ProcessSignal] = []
        var readerStarted = false
    }

    private let readFD: Int32
    private let delivery = Mutex(Delivery())

    private static let shared = Mutex<SignalPipe?>(nil)

    private init(readFD: Int32) {
        self.readFD = readFD
    }

    /// Routes `signals` into the process's pipe (made on the first call) and returns it.
    /// Throws when the pipe cannot be made (out of file descriptors).
    public static func install(_ signals: [ProcessSignal] = ProcessSignal.allCases) throws(DaemonError) -> SignalPipe {
        let pipe = try shared.withLock { shared throws(DaemonError) -> SignalPipe in
            if let existing = shared { return existing }
            var fds: [Int32] = [-1, -1]
            guard Glibc.pipe(&fds) == 0 else { throw DaemonError.signalSetup(step: "pipe", errno: errno) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            // The handler must never block, even if nobody reads for a while.
            _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
            // Set before any handler that reads it is installed (below), never changed after.
            signalPipeWriteFD = fds[1]
            let made = SignalPipe(readFD: fds[0])
            shared = made
            return made
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            let saved = errno
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(signalPipeWriteFD, &byte, 1)
            errno = saved
        }
        sigemptyset(&action.sa_mask)
        // Restart interrupted system calls: a signal must not fail a blocking read or step elsewhere.
        action.sa_flags = SA_RESTART
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals {
            guard sigaction(signal.number, &action, nil) == 0 else {
                throw DaemonError.signalSetup(step: "sigaction(\(signal.name))", errno: errno)
            }
            sigaddset(&unblock, signal.number)
        }
        // A spawner's blocked mask would otherwise keep them from this thread.
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        return pipe
    }

    /// Blocks until the next signal arrives (for a command with nothing else to do, such as
    /// `channelsync sandbox`). Nil when the pipe is unusable, so a caller stops rather than hangs.
    /// Do not mix with `start`: both read the same pipe.
    public func next() -> ProcessSignal? {
        var byte: UInt8 = 0
        while true {
            let count = read(readFD, &byte, 1)
            if count == 1 {
                if let signal = ProcessSignal.allCases.first(where: { $0.number == Int32(byte) }) { return signal }
                continue
            }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }

    /// Delivers every signal to `handler` on the pipe's reader thread, starting with the ones
    /// that arrived before.
    public func start(_ handler: @escaping @Sendable (ProcessSignal) -> Void) {
        let (held, startReader) = delivery.withLock { delivery -> ([ProcessSignal], Bool) in
            delivery.handler = handler
            defer {
                delivery.held = []
                delivery.readerStarted = true
            }
            return (delivery.held, !delivery.readerStarted)
        }
        held.forEach(handler)
        guard startReader else { return }
        let thread = Thread { [self] in
            while let signal = next() {
                let handler = delivery.withLock { delivery -> (@Sendable (ProcessSignal) -> Void)? in
                    if delivery.handler == nil { delivery.held.append(signal) }
                    return delivery.handler
                }
                handler?(signal)
            }
        }
        thread.name = "channelsync.signals"
        thread.start()
    }

    /// Stops delivering; signals that arrive afterwards are held for the next `start` (the
    /// handlers stay installed, so a late SIGTERM never kills a process that is shutting down).
    public func cancel() {
        delivery.withLock { $0.handler = nil }
    }
}

/// The write end of the process's signal pipe. (`nonisolated(unsafe)`: written once, under
/// `SignalPipe.shared`'s lock, before the first handler that reads it is installed; the
/// handler only reads it, which async-signal-safety requires to be a plain load.)
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1
