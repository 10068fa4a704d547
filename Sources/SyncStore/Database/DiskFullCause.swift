import CSQLite
import Glibc

/// Why SQLite found no room for a write, read from its result code and the `errno` it saw.
///
/// SQLite's unix VFS reports `ENOSPC` from `write()` as `SQLITE_FULL` (and clears the
/// errno), but every other failed write, `fsync`, `ftruncate` or `-shm` growth as an
/// `SQLITE_IOERR_*` code whose `sqlite3_system_errno` says what happened: `ENOSPC`
/// (e.g. from `fsync` or `fallocate`), `EDQUOT` (a disk quota) or `EFBIG` (the file-size
/// limit, `RLIMIT_FSIZE` / systemd's `LimitFSIZE=`, or the filesystem's largest file)
/// (<https://www.sqlite.org/rescode.html#full>, <https://www.sqlite.org/c3ref/system_errno.html>).
/// Ops need to hear "the disk is full", not "disk I/O error".
public enum DiskFullCause: Sendable, Hashable {
    /// No space left on the filesystem of the database (or of SQLite's temporary files).
    case noSpace
    /// The disk quota of the user the process runs as is used up.
    case quotaExceeded
    /// The file would grow past the largest size allowed to this process or filesystem.
    case fileSizeLimit

    /// The cause behind `code` and `systemError`, or nil when the failure is not about
    /// room. `systemError` is read only for `SQLITE_IOERR_*`: SQLite updates it for I/O
    /// and open errors alone, so next to any other code it may be stale.
    public init?(code: ResultCode, systemError: Int32) {
        if code.matches(.full) {
            self = .noSpace
            return
        }
        guard code.matches(.ioError) else { return nil }
        switch systemError {
        case ENOSPC: self = .noSpace
        case EDQUOT: self = .quotaExceeded
        case EFBIG: self = .fileSizeLimit
        default: return nil
        }
    }
}
