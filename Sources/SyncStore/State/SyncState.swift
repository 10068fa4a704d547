import Foundation
import SyncCore

/// ChannelSync's state in one SQLite file: links, shadows, cursors, cycles, the
/// append-only journal, conflicts, failures, and the records index used to link.
///
/// The write protocol that survives a crash at any instant (the daemon's side):
/// 1. `recordPlan` commits the intents (`pending` journal rows, one `writes` row per
///    remote write) together with the decisions that need no write — before anything
///    is sent;
/// 2. the caller sends the writes;
/// 3. `recordOutcomes` appends one outcome row per intent, updates links, shadows and
///    failures, in one transaction;
/// 4. `saveCursor` advances a mapping's cursor, and refuses while that mapping has any
///    write without an outcome.
/// On start-up, `resolvePending` drives every write left pending to an outcome (after
/// the caller looked each up on the remote), before any new cycle.
///
/// Ops (the CLI) open it with `openReadOnly` for reads and `openForOps` for the three
/// short writes they may make (resolve a conflict, requeue a dead letter, prune).
///
/// For the reconciler: `recordPlans` persists `Plan`s, `pair` reads a link and its
/// shadow, `resolutions` gives ops' decisions, `saveRecords` and `StoreLinkCandidates`
/// are the candidate index (see `Engine/`).
///
/// Not `Sendable`, like the `Database` it wraps: one serial queue owns it.
public final class SyncState {
    /// The file name under the state directory.
    public static let fileName = "channelsync.sqlite"

    public let database: Database
    /// Epoch milliseconds; injected so tests and the crash harness control time.
    let clock: () -> Int64
    /// Committed intents whose outcome is not recorded yet, by write id.
    var memos: [Int64: IntentMemo] = [:]
    /// Per mapping, what its last cycle on this connection left for the registration-expiry
    /// check (`SyncCycle.expireRegistrations`). In memory: a new process checks every link again.
    public var expiryChecks: [String: ExpiryCheck] = [:]

    /// Wraps an open, migrated database.
    public init(database: Database, clock: @escaping () -> Int64 = SyncState.systemMillis) {
        self.database = database
        self.clock = clock
    }

    /// The daemon's open: read-write, creates the file, applies migrations.
    public static func open(path: String, busyTimeout: Duration = .seconds(5),
                            clock: @escaping () -> Int64 = SyncState.systemMillis,
                            cacheKiB: Int = SyncState.cacheKiB) throws -> SyncState {
        let database = try Database(path: path, options: Database.Options(access: .readWrite, busyTimeout: busyTimeout))
        do {
            try StateSchema.migrator().migrate(database)
            try database.executeScript("PRAGMA cache_size = -\(cacheKiB)")
        } catch {
            try? database.close()
            throw error
        }
        return SyncState(database: database, clock: clock)
    }

    /// The daemon's page cache: 32 MiB, so that the journal's index pages stay in
    /// memory between batches (SQLite's default is 2 MiB;
    /// <https://www.sqlite.org/pragma.html#pragma_cache_size>). A steady cycle at a
    /// million links touches far more pages than any cache holds, so the cache fills
    /// whatever its size: 64 MiB put that cycle over its 150 MB memory budget, for a few
    /// percent of CPU (pages read again from the OS page cache).
    public static let cacheKiB = 32_768

    /// The ops CLI's open for reading: read-only (never creates, migrates or writes),
    /// works while the daemon writes. The schema must be this build's.
    public static func openReadOnly(path: String, busyTimeout: Duration = .seconds(5)) throws -> SyncState {
        let database = try Database(path: path, options: Database.Options(access: .readOnly, busyTimeout: busyTimeout))
        return try checked(database)
    }

    /// The ops CLI's open for its short writes: an existing file, read-write, never
    /// migrated (the daemon owns migrations), schema must be this build's. The busy
    /// timeout covers the daemon's transactions.
    public static func openForOps(path: String, busyTimeout: Duration = .seconds(10),
                                  clock: @escaping () -> Int64 = SyncState.systemMillis) throws -> SyncState {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.databaseMissing(path: path) }
        let database = try Database(path: path, options: Database.Options(access: .readWrite, busyTimeout: busyTimeout))
        return try checked(database, clock: clock)
    }

    private static func checked(_ database: Database, clock: @escaping () -> Int64 = SyncState.systemMillis) throws -> SyncState {
        do {
            let status = try StateSchema.migrator().checkCompatible(database)
            guard status.isUpToDate else {
                throw StateError.schemaMismatch(path: database.path, databaseVersion: status.databaseVersion,
                                                buildVersion: StateSchema.version)
            }
        } catch {
            try? database.close()
            throw error
        }
        return SyncState(database: database, clock: clock)
    }

    /// Closes the connection.
    public func close() throws {
        try database.close()
    }

    /// The path of the database file.
    public var path: String { database.path }

    /// A fresh link id (a time-ordered UUID, lower case: `TimeOrderedUUID`): what
    /// `ReconcileInput.newLinkID` wants.
    public static func makeLinkID() -> String {
        TimeOrderedUUID.make()
    }

    /// The wall clock in epoch milliseconds.
    public static func systemMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// Confined to one queue, like `Database`.
@available(*, unavailable)
extension SyncState: Sendable {}
