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
        if files.fileExists(atPath: path) { try Self.copy(path, to: copy) }
    }

    /// Replaces the directory with the copy (or removes it when there was none).
    func putBack() throws {
        let files = FileManager.default
        if files.fileExists(atPath: path) { try files.removeItem(atPath: path) }
        if files.fileExists(atPath: copy) { try Self.copy(copy, to: path) }
    }

    /// Copies a directory and writes the copy to disk before returning. A copied database
    /// is a gigabyte of dirty pages at 1M links: left to the kernel, the daemon's first
    /// sync of the file (a checkpoint) waited for all of them — an idle cycle took 0.49 s
    /// instead of 0.05 s in every run after the first — or its background writeback landed
    /// inside a later run.
    private static func copy(_ source: String, to target: String) throws {
        let files = FileManager.default
        try files.copyItem(atPath: source, toPath: target)
        for name in try files.contentsOfDirectory(atPath: target) {
            let descriptor = open(target + "/" + name, O_RDONLY)
            defer { if descriptor >= 0 { close(descriptor) } }
            guard descriptor >= 0, fsync(descriptor) == 0 else {
                throw BenchFailure.setup("could not write the copied state file \(name) to disk: "
                                         + String(cString: strerror(errno)))
            }
        }
    }
}
