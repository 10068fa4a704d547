import Synchronization

/// Secrets read from their files at most once per `maxAge`, for the connectors: every
/// request of a key-authenticated remote asks for its key, and reading the file (open,
/// permission check, read) each time was a few percent of a cycle's CPU. A rotated file
/// is picked up after `maxAge`, at once when the remote refuses the old key (the
/// connector calls `forget`), and on reload (the daemon builds a new cache).
final class CredentialCache: Sendable {
    private struct Entry {
        let value: String
        let readAt: MonotonicInstant
    }

    private let maxAge: Duration
    private let clock: MonotonicClock
    private let read: @Sendable (String) -> String?
    private let entries = Mutex<[String: Entry]>([:])

    init(maxAge: Duration, clock: MonotonicClock, read: @escaping @Sendable (String) -> String?) {
        self.maxAge = maxAge
        self.clock = clock
        self.read = read
    }

    /// The secret named `name`, from the cache while it is younger than `maxAge`. A
    /// missing secret is not cached: it is looked for again on every call.
    func secret(_ name: String) -> String? {
        let now = clock.now()
        if let entry = entries.withLock({ $0[name] }), now - entry.readAt < maxAge { return entry.value }
        let value = read(name)
        entries.withLock { $0[name] = value.map { Entry(value: $0, readAt: now) } }
        return value
    }

    /// Drops the cached copy of `name`.
    func forget(_ name: String) {
        _ = entries.withLock { $0.removeValue(forKey: name) }
    }
}
