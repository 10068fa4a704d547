import Dispatch

/// A `Database` behind its own serial queue, for sharing one connection between
/// threads or queues (e.g. several mappings' cycles in one daemon).
///
/// Every use of the connection, including opening and closing it, runs on `queue`.
public final class DatabaseQueue: @unchecked Sendable {
    // Invariant for @unchecked Sendable: `database` is created, used and closed only
    // inside `queue.sync`, so the non-Sendable connection never runs on two threads at once.
    private let database: Database
    private let queue: DispatchQueue
    private let queueKey = DispatchSpecificKey<Void>()
    /// The database path, for messages.
    public let path: String

    /// Opens the database on a new serial queue.
    public init(path: String, options: Database.Options = Database.Options(), label: String = "channelsync.store") throws {
        self.path = path
        queue = DispatchQueue(label: label)
        database = try queue.sync { try Database(path: path, options: options) }
        queue.setSpecific(key: queueKey, value: ())
    }

    /// Runs `body` with the connection on the queue and waits for it. Returns only
    /// `Sendable` values, so rows and statements cannot leak off the queue. Calling it
    /// from inside `body` (same queue) throws instead of deadlocking.
    public func sync<T: Sendable>(_ body: (Database) throws -> T) throws -> T {
        guard DispatchQueue.getSpecific(key: queueKey) == nil else {
            throw StoreError.reentrantQueueAccess(path: path)
        }
        return try queue.sync { try body(database) }
    }

    /// Closes the connection on the queue.
    public func close() throws {
        try sync { try $0.close() }
    }
}
