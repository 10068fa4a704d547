import Foundation
import SyncStore

/// The remote the crash harness writes to: its own SQLite file, so it survives the
/// SIGKILL like a real API would. Creates insert unconditionally (no uniqueness on the
/// external id), so a create sent twice shows up as a duplicate; updates keep the
/// highest version. Every accepted write is logged with the store's write id (the
/// correlation key a connector would send), for the test to check against the journal.
final class StandInRemote {
    let database: Database

    init(path: String) throws {
        database = try Database(path: path)
        try database.executeScript("""
            CREATE TABLE IF NOT EXISTS records (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                external_id TEXT NOT NULL,
                version INTEGER NOT NULL
            ) STRICT;
            CREATE INDEX IF NOT EXISTS records_external ON records (external_id);
            CREATE TABLE IF NOT EXISTS write_log (
                n INTEGER PRIMARY KEY AUTOINCREMENT,
                write_id INTEGER NOT NULL,
                operation TEXT NOT NULL,
                external_id TEXT NOT NULL,
                record_id INTEGER NOT NULL,
                version INTEGER NOT NULL
            ) STRICT;
            """)
    }

    func close() { try? database.close() }

    /// Creates a record; returns its id.
    func create(externalID: String, version: Int, writeID: Int64) throws -> String {
        var id: Int64 = 0
        try database.inTransaction(.immediate) { db in
            try db.execute("INSERT INTO records (external_id, version) VALUES (?, ?)", [.text(externalID), .integer(Int64(version))])
            id = db.lastInsertRowID
            try db.execute("INSERT INTO write_log (write_id, operation, external_id, record_id, version) VALUES (?, 'create', ?, ?, ?)",
                           [.integer(writeID), .text(externalID), .integer(id), .integer(Int64(version))])
            return .commit
        }
        return String(id)
    }

    /// Updates a record to `version` unless it already holds a later one.
    func update(recordID: String, externalID: String, version: Int, writeID: Int64) throws {
        try database.inTransaction(.immediate) { db in
            try db.execute("UPDATE records SET version = max(version, ?) WHERE id = ?",
                           [.integer(Int64(version)), .integer(Int64(recordID) ?? -1)])
            try db.execute("INSERT INTO write_log (write_id, operation, external_id, record_id, version) VALUES (?, 'update', ?, ?, ?)",
                           [.integer(writeID), .text(externalID), .integer(Int64(recordID) ?? -1), .integer(Int64(version))])
            return .commit
        }
    }

    /// The record whose external id is `externalID`: (id, version).
    func lookup(externalID: String) throws -> (id: String, version: Int)? {
        try database.first("SELECT id, version FROM records WHERE external_id = ? ORDER BY id LIMIT 1", [.text(externalID)]) {
            (String(try $0.decode(Int64.self, at: 0)), try $0.decode(Int.self, at: 1))
        }
    }
}
