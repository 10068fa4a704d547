import CSQLite
import Glibc

extension StoreError {
    /// The error for an SQLite call that failed on `connection` with `code`: `.diskFull`
    /// when the cause is a full disk, a quota or the file-size limit (`DiskFullCause`),
    /// else `.sqlite`.
    ///
    /// `threadError` is this thread's `errno` read right after the failed call. SQLite
    /// records the errno (`sqlite3_system_errno`) for failures inside a statement but not
    /// for one while committing (a WAL append refused with `EFBIG` at COMMIT reports 0),
    /// so for an `SQLITE_IOERR_*` with no recorded errno the thread's own is what the
    /// failed `write`/`fsync` left: SQLite makes no failing system call between it and
    /// its return.
    static func failure(path: String, code: ResultCode, message: String, sql: String?,
                        connection: OpaquePointer?, threadError: Int32) -> StoreError {
        let recorded = connection.map { sqlite3_system_errno($0) } ?? 0
        let systemError = recorded != 0 ? recorded : threadError
        guard let cause = DiskFullCause(code: code, systemError: systemError) else {
            return .sqlite(path: path, code: code, message: message, sql: sql)
        }
        return .diskFull(path: path, cause: cause, code: code, freeBytes: availableBytes(near: path), sql: sql)
    }

    /// Bytes an unprivileged process may still write on the filesystem holding `path`
    /// (`statvfs` of its directory: `f_bavail` blocks of `f_frsize` bytes); nil when it
    /// cannot be read.
    static func availableBytes(near path: String) -> Int64? {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return nil }
        let bytes = UInt64(info.f_bavail).multipliedReportingOverflow(by: UInt64(info.f_frsize))
        return bytes.overflow ? Int64.max : Int64(clamping: bytes.partialValue)
    }

    /// `12 MiB`, `300 KiB`, `0 bytes`: free space as ops read it.
    static func spaceText(_ bytes: Int64) -> String {
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// For a full disk, a quota or a file-size limit: one short line naming the file and
    /// the room left, for places that show only a few words (systemd's `STATUS=`); nil
    /// for every other error.
    public var diskFullSummary: String? {
        guard case let .diskFull(path, cause, _, freeBytes, _) = self else { return nil }
        let free = freeBytes.map { ", \(Self.spaceText($0)) free" } ?? ""
        return switch cause {
        case .noSpace: "disk full: \(path)\(free)"
        case .quotaExceeded: "disk quota exceeded: \(path)\(free)"
        case .fileSizeLimit: "file-size limit reached: \(path)"
        }
    }

    /// The long form of `.diskFull`: what happened, that nothing was lost, what to do.
    static func diskFullText(path: String, cause: DiskFullCause, code: ResultCode, freeBytes: Int64?,
                             sql: String?) -> String {
        let free = freeBytes.map { " (\(spaceText($0)) free on its filesystem)" } ?? ""
        var text = switch cause {
        case .noSpace: "no space left on device for \(path)\(free)"
        case .quotaExceeded: "disk quota exceeded for \(path)\(free)"
        case .fileSizeLimit: "\(path) reached the largest file size allowed (EFBIG)"
        }
        text += " [\(code)]"
        if let sql { text += " while running: \(shorten(sql, limit: 120))" }
        text += ". Nothing was lost: SQLite rolled the transaction back. A running daemon retries at its next cycle"
            + " (systemd restarts one that could not start); a command can be run again. "
        let fix = switch cause {
        case .noSpace where code.matches(.full):
            "Free space on that filesystem (or in SQLite's temporary directory: $SQLITE_TMPDIR, /var/tmp or /tmp)"
        case .noSpace:
            "Free space on that filesystem"
        case .quotaExceeded:
            "Free space or raise the disk quota of the user the daemon runs as"
        case .fileSizeLimit:
            "Raise the process's file-size limit (ulimit -f; LimitFSIZE= in the systemd unit)"
                + " or keep the state on a filesystem that allows larger files; 'channelsync db prune' frees journal pages for reuse"
        }
        return text + fix
    }
}
