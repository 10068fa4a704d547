import Foundation
import Testing
import SyncStore

/// Issue 9 item 3: a state directory the daemon cannot use stops `channelsync run` before
/// it tells systemd `READY=1` — non-zero exit, an error naming the file and what is wrong,
/// and an existing database file left byte-identical. The built binary runs as systemd
/// runs it, with a notify socket the test reads.
@Suite("Bad input: state directory failures stop `run` before READY=1")
struct StateFailureTests {
    /// What one start-up did.
    struct Start {
        let status: Int32?
        let stderr: String
        let messages: [String]
        var sentReady: Bool { messages.contains { $0.split(separator: "\n").contains("READY=1") } }
    }

    /// Starts the daemon on `setup`'s config and waits for it to give up.
    static func start(_ setup: OnceCommandTests.Setup, wrapper: [String] = [], timeout: TimeInterval = 60) throws -> Start {
        let daemon = try DaemonProcess(config: setup.config, wrapper: wrapper)
        let status = daemon.exitStatus(timeout: timeout)
        if status == nil { kill(daemon.pid, SIGKILL) }
        return Start(status: status, stderr: daemon.stderr, messages: daemon.messages)
    }

    static func expectRefused(_ start: Start, mentions phrases: [String], _ context: String) {
        #expect(start.status != nil, "\(context): still running after the timeout (hung); stderr: \(start.stderr)")
        #expect(start.status != 0, "\(context): exit status \(String(describing: start.status))")
        #expect(!start.sentReady, "\(context): sent READY=1: \(start.messages)")
        for phrase in phrases {
            #expect(start.stderr.contains(phrase), "\(context): stderr does not say '\(phrase)': \(start.stderr)")
        }
    }

    static func stateDirectory(_ setup: OnceCommandTests.Setup) throws -> String {
        let directory = setup.root.appendingPathComponent("state").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A ChannelSync database with its schema, closed, at `setup.database`.
    static func makeDatabase(_ setup: OnceCommandTests.Setup) throws {
        _ = try stateDirectory(setup)
        let state = try SyncState.open(path: setup.database)
        try state.close()
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    @Test func garbageInTheDatabaseFileIsRefusedAndLeftAlone() throws {
        let setup = try OnceCommandTests.Setup()
        _ = try Self.stateDirectory(setup)
        var random = SystemRandomNumberGenerator()
        let garbage = Data((0..<16_384).map { _ in UInt8.random(in: 0...255, using: &random) })
        try garbage.write(to: URL(fileURLWithPath: setup.database))
        let start = try Self.start(setup)
        Self.expectRefused(start, mentions: [setup.database, "not a database"], "garbage database")
        #expect(Self.bytes(setup.database) == garbage, "the garbage file was modified")
    }

    @Test func anotherApplicationsSQLiteFileIsRefusedAndLeftAlone() throws {
        let setup = try OnceCommandTests.Setup()
        _ = try Self.stateDirectory(setup)
        let other = try Database(path: setup.database, options: Database.Options(persistentWAL: false))
        try other.executeScript("""
            CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            INSERT INTO customers(name) VALUES ('Acme');
            """)
        try other.close()
        let before = Self.bytes(setup.database)
        let start = try Self.start(setup)
        Self.expectRefused(start, mentions: [setup.database, "is not a ChannelSync database", "customers"], "foreign database")
        #expect(Self.bytes(setup.database) == before, "the other application's database was modified")
    }

    @Test func aTruncatedDatabaseIsRefusedAsCorrupt() throws {
        let setup = try OnceCommandTests.Setup()
        try Self.makeDatabase(setup)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: setup.database + suffix) }
        let whole = Self.bytes(setup.database) ?? Data()
        #expect(whole.count > 3 * 4096, "a schema of more than three pages")
        let truncated = whole.prefix(whole.count / 2)
        try truncated.write(to: URL(fileURLWithPath: setup.database))
        let start = try Self.start(setup)
        Self.expectRefused(start, mentions: [setup.database, "malformed"], "truncated database")
        #expect(Self.bytes(setup.database) == truncated, "the truncated file was modified")
    }

    /// Another process holds the write lock (a second daemon on the same state, an admin's
    /// `sqlite3` shell in `BEGIN EXCLUSIVE`): the daemon waits its busy timeout (5 s), then
    /// refuses to start — two writers on one state database would interleave cycles.
    @Test func aDatabaseLockedByAnotherWriterStopsTheStartAfterTheBusyTimeout() throws {
        let setup = try OnceCommandTests.Setup()
        try Self.makeDatabase(setup)
        let holder = try Database(path: setup.database)
        try holder.executeScript("BEGIN EXCLUSIVE")
        defer {
            try? holder.executeScript("ROLLBACK")
            try? holder.close()
        }
        let began = Date()
        let start = try Self.start(setup)
        Self.expectRefused(start, mentions: [setup.database, "locked", "another process"], "locked database")
        #expect(Date().timeIntervalSince(began) >= 4.5, "gave up before the busy timeout")
    }

    /// A full disk, simulated with RLIMIT_FSIZE on the daemon alone (`prlimit`): a write
    /// past the limit fails with EFBIG, as one on a full filesystem fails with ENOSPC,
    /// without filling a real disk or needing a mount. The daemon ignores SIGXFSZ itself,
    /// so the limit is an error, not a kill.
    @Test func aFullDiskStopsTheStartWithAClearError() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") else {
            print("skipped: /usr/bin/prlimit (util-linux) is not installed")
            return
        }
        let setup = try OnceCommandTests.Setup()
        _ = try Self.stateDirectory(setup)
        // SIGXFSZ back to its default (kill) for the child: the daemon must ignore it itself.
        let start = try Self.start(setup, wrapper: ["/usr/bin/env", "--default-signal=XFSZ", "/usr/bin/prlimit", "--fsize=65536", "--"])
        #expect(start.status != 128 + SIGXFSZ, "killed by SIGXFSZ")
        Self.expectRefused(start, mentions: [setup.database], "full disk")
        // EFBIG is SQLITE_IOERR_WRITE to SQLite (ENOSPC would be SQLITE_FULL); either reads as a full disk.
        #expect(start.stderr.contains("reached the largest file size allowed (EFBIG) [SQLITE_IOERR_WRITE (778)]")
                    && start.stderr.contains("LimitFSIZE="), "\(start.stderr)")
        #expect(!start.stderr.contains("disk I/O error"), "\(start.stderr)")
    }

    /// The state directory may not be written. Root ignores permission bits, so as root the
    /// daemon runs as `nobody` (setpriv), which may read the config and its credentials.
    @Test func aReadOnlyStateDirectoryStopsTheStart() throws {
        let setup = try OnceCommandTests.Setup()
        let directory = try Self.stateDirectory(setup)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory)
        var wrapper: [String] = []
        if geteuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
                print("skipped: running as root without /usr/bin/setpriv, so permission bits do not apply")
                return
            }
            for name in OnceCommandTests.Setup.secrets.keys {
                _ = chown(setup.credentials.appendingPathComponent(name).path, 65534, 65534)
            }
            wrapper = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        let start = try Self.start(setup, wrapper: wrapper)
        Self.expectRefused(start, mentions: [directory, "Permission denied"], "read-only state directory")
        #expect(!FileManager.default.fileExists(atPath: setup.database))
    }

    // MARK: - The ops CLI

    @Test func opsCommandsOnACorruptDatabaseFailClearly() throws {
        let setup = try OnceCommandTests.Setup()
        _ = try Self.stateDirectory(setup)
        let garbage = Data(repeating: 0xA5, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: setup.database))
        for command in [["status"], ["journal"], ["failures"], ["db", "check"], ["retry", "1"]] {
            let result = try BinaryRunner.run(command + ["--db", setup.database])
            #expect(result.status != 0, "\(command): exit 0 on a corrupt database: \(result.stdout)")
            #expect(result.stderr.contains(setup.database) && result.stderr.contains("not a database"),
                    "\(command): \(result.stderr)")
        }
        #expect(Self.bytes(setup.database) == garbage, "an ops command modified the file")
    }

    /// A connection in exclusive locking mode keeps even readers out: the read commands
    /// give up after their busy timeout with an error that says so.
    @Test func opsCommandsOnALockedDatabaseFailClearly() throws {
        let setup = try OnceCommandTests.Setup()
        try Self.makeDatabase(setup)
        let holder = try Database(path: setup.database)
        try holder.executeScript("PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; CREATE TABLE hold(x); ")
        defer {
            try? holder.executeScript("ROLLBACK")
            try? holder.close()
        }
        for command in [["status"]] {  // each waits the 5 s busy timeout: one command shows it
            let result = try BinaryRunner.run(command + ["--db", setup.database])
            #expect(result.status != 0, "\(command): exit 0 on a locked database: \(result.stdout)")
            #expect(result.stderr.contains(setup.database) && result.stderr.contains("locked"), "\(command): \(result.stderr)")
        }
    }
}
