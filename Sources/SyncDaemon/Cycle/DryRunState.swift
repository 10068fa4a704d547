import Foundation
import Glibc
import SyncStore

/// A throwaway copy of the state for `once --dry-run`: the cycle runs exactly as it would
/// (it links, plans and journals), but on a copy that is deleted afterwards, so neither
/// the real journal nor the cursors change.
public final class DryRunState {
    public let state: SyncState
    private let directory: String

    /// Copies the database at `path` (an online backup: a running daemon may keep
    /// writing), or starts from an empty state when there is none yet.
    public init(copying path: String, clock: @escaping () -> Int64 = SyncState.systemMillis) throws(CycleError) {
        var template = Array("/tmp/channelsync-dry-run-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return nil }
            return String(cString: result)
        }
        guard let made else {
            throw .state(step: "make a directory for the dry run's copy", reason: String(cString: strerror(errno)))
        }
        directory = made
        let copy = made + "/" + SyncState.fileName
        do {
            if FileManager.default.fileExists(atPath: path) {
                let source = try SyncState.openReadOnly(path: path)
                defer { try? source.close() }
                try source.database.backup(to: copy)
            }
            state = try SyncState.open(path: copy, clock: clock)
        } catch {
            try? FileManager.default.removeItem(atPath: made)
            throw CycleError.store("copy \(path) for the dry run", error)
        }
    }

    /// Closes the copy and deletes it.
    public func discard() {
        try? state.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
