/// Applies numbered migrations and refuses databases it cannot vouch for.
///
/// Each migration runs in its own `BEGIN IMMEDIATE` transaction together with its row in
/// `schema_migrations` (id, name, UTC time from SQLite's own clock) and the new
/// `PRAGMA user_version`, so a migration is either wholly applied and recorded or not at
/// all: a failure rolls back only that migration and leaves the earlier ones in place.
/// DDL is transactional in SQLite (<https://www.sqlite.org/lang_transaction.html>).
///
/// A migration's changes must keep foreign keys valid: `PRAGMA foreign_key_check` runs
/// before its commit (the check <https://www.sqlite.org/lang_altertable.html#otheralter>
/// asks for), since `foreign_keys` cannot be switched inside a transaction.
///
/// Refused, with nothing modified: a database that records an id this build does not
/// know (written by a newer build), one whose history skips an id this build would have
/// to apply before an already applied one, and a non-empty file without the migrations
/// table (somebody else's database).
public struct Migrator: Sendable {
    /// The migrations, sorted by id.
    public let migrations: [Migration]

    /// The table recording applied migrations.
    public static let tableName = "schema_migrations"

    /// Validates the list: ids must be positive and unique.
    public init(_ migrations: [Migration]) throws {
        var seen = Set<Int>()
        for migration in migrations {
            guard migration.id > 0 else {
                throw StoreError.invalidMigrations(reason: "migration '\(migration.name)' has id \(migration.id); ids must be positive")
            }
            guard seen.insert(migration.id).inserted else {
                throw StoreError.invalidMigrations(reason: "migration id \(migration.id) is declared twice")
            }
        }
        self.migrations = migrations.sorted { $0.id < $1.id }
    }

    /// The newest migration id this build knows (0 when there are none).
    public var buildVersion: Int { migrations.last?.id ?? 0 }

    /// Reads where `database` stands without writing anything, so it also serves a
    /// read-only connection (the CLI checks it can understand the file).
    public func status(of database: Database) throws -> MigrationStatus {
        let applied = try appliedIDs(in: database)
        let known = Set(migrations.map(\.id))
        let recorded = Set(applied)
        return MigrationStatus(appliedIDs: applied,
                               pendingIDs: migrations.map(\.id).filter { !recorded.contains($0) },
                               unknownIDs: applied.filter { !known.contains($0) })
    }

    /// Throws `StoreError.newerSchema` or `.migrationHistoryMismatch` unless this build
    /// can use the database as it is or after migrating. Reads only.
    @discardableResult
    public func checkCompatible(_ database: Database) throws -> MigrationStatus {
        let status = try status(of: database)
        try verify(status, database)
        return status
    }

    /// Applies every pending migration in ascending order; returns the ids it applied
    /// (empty when the database was up to date, so running it twice is harmless).
    @discardableResult
    public func migrate(_ database: Database) throws -> [Int] {
        guard !database.isReadOnly else {
            throw StoreError.readOnlyConnection(path: database.path, operation: "apply migrations")
        }
        guard !database.isInTransaction else { throw StoreError.nestedTransaction(path: database.path) }
        let status = try checkCompatible(database)
        var applied: [Int] = []
        for migration in migrations where status.pendingIDs.contains(migration.id) {
            if try apply(migration, to: database) { applied.append(migration.id) }
        }
        return applied
    }

    /// Applies one migration in its own transaction; false when another process applied
    /// it between the status check and the write lock.
    private func apply(_ migration: Migration, to database: Database) throws -> Bool {
        var didApply = false
        do {
            try database.inTransaction(.immediate) { db in
                // Re-read under the write lock: another process may have migrated meanwhile.
                try verify(status(of: db), db)
                guard try !appliedIDs(in: db).contains(migration.id) else { return .rollback }
                try db.executeScript("""
                    CREATE TABLE IF NOT EXISTS \(Self.tableName) (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        applied_at TEXT NOT NULL
                    ) STRICT
                    """)
                try migration.apply(db)
                let violations = try db.foreignKeyViolations()
                guard violations.isEmpty else {
                    throw StoreError.sqlite(path: db.path, code: .constraintForeignKey,
                                            message: "foreign key check failed: \(violations.prefix(5).joined(separator: "; "))",
                                            sql: nil)
                }
                try db.execute("""
                    INSERT INTO \(Self.tableName) (id, name, applied_at)
                    VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
                    """, [.integer(Int64(migration.id)), .text(migration.name)])
                try db.setUserVersion(max(migration.id, try db.userVersion))
                didApply = true
                return .commit
            }
        } catch let error as StoreError {
            switch error {
            case .newerSchema, .migrationHistoryMismatch, .foreignDatabase:
                throw error
            default:
                throw StoreError.migrationFailed(path: database.path, id: migration.id, name: migration.name,
                                                 reason: error.description)
            }
        } catch {
            throw StoreError.migrationFailed(path: database.path, id: migration.id, name: migration.name,
                                             reason: String(describing: error))
        }
        return didApply
    }

    private func verify(_ status: MigrationStatus, _ database: Database) throws {
        guard status.unknownIDs.isEmpty else {
            throw StoreError.newerSchema(path: database.path, databaseVersion: status.databaseVersion,
                                         buildVersion: buildVersion, unknownIDs: status.unknownIDs)
        }
        if let missing = status.pendingIDs.first, missing < status.databaseVersion {
            throw StoreError.migrationHistoryMismatch(path: database.path, missingID: missing,
                                                      laterAppliedID: status.databaseVersion)
        }
    }

    /// Recorded ids, ascending. A file without the table must hold no tables at all,
    /// else it is somebody else's database.
    private func appliedIDs(in database: Database) throws -> [Int] {
        let tables = try database.query(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        ) { try $0.decode(String.self, at: 0) }
        guard tables.contains(Self.tableName) else {
            guard tables.isEmpty else { throw StoreError.foreignDatabase(path: database.path, tables: tables) }
            return []
        }
        return try database.query("SELECT id FROM \(Self.tableName) ORDER BY id") { try $0.decode(Int.self, at: 0) }
    }
}
