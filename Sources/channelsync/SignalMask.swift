import Glibc

/// A process inherits its parent's blocked-signal mask. Spawned by something that
/// blocks SIGTERM (a test runner's thread, some supervisors), the daemon and the
/// sandbox would never see the signals they stop or reload on, and would ignore
/// `systemctl stop`. Unblock them before any thread starts.
enum SignalMask {
    static func unblockControlSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for number in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&set, number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
