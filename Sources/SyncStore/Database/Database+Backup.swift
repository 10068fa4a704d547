import CSQLite
import Foundation

extension Database {
    /// Copies the whole database, consistent as of one moment, to a new file at
    /// `destination` with the online backup API (<https://www.sqlite.org/backup.html>).
    ///
    /// Works on a read-only connection too (the ops CLI's `db backup`), and in WAL mode
    /// the copy only holds a read snapshot, so the daemon keeps writing meanwhile. The copy
    /// is written to a temporary file beside `destination`, synced, and renamed into place,
    /// so a failed backup never leaves a partial file under the requested name. An existing
    /// `destination` is never overwritten.
    public func backup(to destination: String) throws {
        let source = try openConnection()
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StoreError.backupDestinationExists(path: destination)
        }
        let temporary = destination + ".partial-\(getpid())"
        try? FileManager.default.removeItem(atPath: temporary)
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        try copy(from: source, toFileAt: temporary, reportedAs: destination)
        // link(2) refuses to replace an existing file, unlike rename(2).
        guard link(temporary, destination) == 0 else {
            let error = errno
            if error == EEXIST { throw StoreError.backupDestinationExists(path: destination) }
            throw StoreError.backupFailed(source: path, destination: destination, code: .cantOpen,
                                          message: "cannot move the copy into place: \(String(cString: strerror(error)))")
        }
    }

    private func copy(from source: OpaquePointer, toFileAt temporary: String, reportedAs destination: String) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        var code = sqlite3_open_v2(temporary, &handle, flags, nil)
        defer { sqlite3_close_v2(handle) }
        func failure(_ code: Int32, _ message: String? = nil) -> StoreError {
            let detail = message ?? handle.flatMap { sqlite3_errcode($0) != SQLITE_OK ? String(cString: sqlite3_errmsg($0)) : nil }
            return .backupFailed(source: path, destination: destination, code: ResultCode(rawValue: code),
                                 message: detail ?? String(cString: sqlite3_errstr(code)))
        }
        guard code == SQLITE_OK, let target = handle else { throw failure(code) }
        guard let backup = sqlite3_backup_init(target, "main", source, "main") else {
            throw failure(sqlite3_extended_errcode(target))
        }
        // -1 copies every page in one step under one read snapshot; in WAL mode that
        // does not block the writer. The busy timeout does not apply to backup steps,
        // so a transient lock is retried here, for about five seconds at most.
        var attempts = 0
        repeat {
            code = sqlite3_backup_step(backup, -1)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED {
                attempts += 1
                usleep(20_000)
            }
        } while (code == SQLITE_BUSY || code == SQLITE_LOCKED) && attempts < 250
        let finish = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE else { throw failure(code) }
        guard finish == SQLITE_OK else { throw failure(finish) }
        // Fold the copy's WAL into the file, so the single file is the whole backup.
        code = sqlite3_exec(target, "PRAGMA journal_mode = DELETE", nil, nil, nil)
        guard code == SQLITE_OK else { throw failure(code) }
        code = sqlite3_close(target)
        guard code == SQLITE_OK else { throw failure(code, String(cString: sqlite3_errstr(code))) }
        handle = nil
        do {
            let file = try FileHandle(forUpdating: URL(fileURLWithPath: temporary))
            defer { try? file.close() }
            try file.synchronize()
        } catch {
            throw failure(SQLITE_IOERR, "cannot sync the copy to disk: \(error.localizedDescription)")
        }
    }
}
