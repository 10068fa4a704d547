// syncstore-probe: a second process for SyncStoreTests. SQLite's locking between
// processes (POSIX advisory locks, the -shm mapping) is what the daemon and the ops CLI
// rely on, and threads in one process do not exercise it, so the tests drive this.
//
//   syncstore-probe read PATH [--as-nobody]      read-only; commands on stdin, one per line:
//       count | begin | commit | poll TARGET | write | quit
//   syncstore-probe create PATH [--as-nobody]    read-write open (creates), prints the result
//   syncstore-probe hold-write-lock PATH         BEGIN IMMEDIATE until a line on stdin
//   syncstore-probe hold-exclusive PATH          locking_mode=EXCLUSIVE until a line on stdin
//
// Every answer is one line on stdout; a failure prints "error <description>" and exits 1.
// The table read is `items`.
import Foundation
import SyncStore

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ error: any Error) -> Never {
    say("error \(String(describing: error).replacingOccurrences(of: "\n", with: " "))")
    exit(1)
}

/// Becomes `nobody` when running as root, so the file permissions bind this process.
func dropPrivilegesIfAsked(_ arguments: [String]) {
    guard arguments.contains("--as-nobody"), getuid() == 0 else { return }
    guard setgroups(0, nil) == 0, setgid(65534) == 0, setuid(65534) == 0 else {
        say("error cannot drop privileges: \(String(cString: strerror(errno)))")
        exit(1)
    }
}

func count(_ db: Database) throws -> Int {
    try db.scalar("SELECT count(*) FROM items", as: Int.self) ?? 0
}

func serveReads(_ db: Database) throws {
    while let line = readLine() {
        let words = line.split(separator: " ").map(String.init)
        switch words.first {
        case "count":
            say("count \(try count(db))")
        case "begin":
            try db.execute("BEGIN DEFERRED TRANSACTION")
            say("began \(try count(db))")
        case "commit":
            try db.execute("COMMIT TRANSACTION")
            say("committed")
        case "poll":
            let target = Int(words.dropFirst().first ?? "") ?? 0
            var reads = 0, last = 0, monotonic = true
            let deadline = Date().addingTimeInterval(120)
            while last < target, Date() < deadline {
                let seen = try count(db)
                if seen < last { monotonic = false }
                last = seen
                reads += 1
            }
            say("polled reads=\(reads) final=\(last) monotonic=\(monotonic)")
        case "write":
            do {
                try db.execute("INSERT INTO items (label) VALUES (?)", ["from the reader"])
                say("write-succeeded")
            } catch {
                say("write-refused \(String(describing: error))")
            }
        case "quit":
            try db.close()
            exit(0)
        default:
            say("error unknown command \(line)")
            exit(1)
        }
    }
    try db.close()
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    say("error usage: syncstore-probe read|create|hold-write-lock|hold-exclusive PATH [--as-nobody]")
    exit(64)
}
let path = arguments[1]
dropPrivilegesIfAsked(arguments)
do {
    switch arguments[0] {
    case "read":
        let db = try Database(path: path, options: Database.Options(access: .readOnly, busyTimeout: .seconds(10)))
        say("ready")
        try serveReads(db)
    case "create":
        let db = try Database(path: path)
        try db.execute("CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT")
        try db.close()
        say("created")
    case "hold-write-lock":
        let db = try Database(path: path)
        try db.inTransaction(.immediate) { _ in
            say("locked")
            _ = readLine()
            return .rollback
        }
        try db.close()
        say("released")
    case "hold-exclusive":
        let db = try Database(path: path)
        try db.executeScript("PRAGMA locking_mode = EXCLUSIVE")
        try db.inTransaction(.exclusive) { db in
            try db.execute("INSERT INTO items (label) VALUES (?)", ["exclusive"])
            return .commit
        }
        say("locked")
        _ = readLine()
        try db.close()
        say("released")
    default:
        say("error unknown mode \(arguments[0])")
        exit(64)
    }
} catch {
    fail(error)
}
