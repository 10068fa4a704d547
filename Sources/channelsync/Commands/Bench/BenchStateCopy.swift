import Foundation

/// A copy of the seeded state directory (the database with its links, shadows and
/// cursors), put back before each repeated run of `bench --repeat`, so that every run
/// starts from the state the first one did.
struct BenchStateCopy {
    let path: String
    let copy: String

    /// Copies `path` (if it exists: the initial scenarios seed no state) beside it.
    init(of path: String) throws {
        self.path = path
        copy = path + ".seeded"
        let files = FileManager.default
        if files.fileExists(atPath: copy) { try files.removeItem(atPath: copy) }
        if files.fileExists(atPath: path) { try files.copyItem(atPath: path, toPath: copy) }
    }

    /// Replaces the directory with the copy (or removes it when there was none).
    func putBack() throws {
        let files = FileManager.default
        if files.fileExists(atPath: path) { try files.removeItem(atPath: path) }
        if files.fileExists(atPath: copy) { try files.copyItem(atPath: copy, toPath: path) }
    }
}
