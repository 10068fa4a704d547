// syncstore-probe: a second process for SyncStoreTests. SQLite's locking between
// processes (POSIX advisory locks, the -shm mapping) is what the daemon and the ops CLI
// rely on, and threads in one process do not exercise it, so the tests drive this.
//
//   syncstore-probe read PATH [--as-nobody]      read-only; commands on stdin, one per line:
//       count | begin | commit | poll TARGET | write | quit
//   syncstore-probe create PATH [--as-nobody]    read-write open (creates), prints the result
//   syncstore-probe hold-write-lock PATH         BEGIN IMMEDIATE until a line on stdin
//   syncstore-probe hold-exclusive PATH          locking_mode=EXCLUSIVE until a line on stdin
//   syncstore-probe bench PATH ROWS BATCH        batched inserts into a journal-shaped table,
//                                                then indexed lookups; prints the rates
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

/// Store-layer throughput with the daemon's settings (WAL, synchronous=FULL): rows per
/// second for batched inserts through one reused statement, and indexed lookup latency.
func bench(path: String, rows: Int, batch: Int) throws {
    let db = try Database(path: path)
    try db.executeScript("""
        CREATE TABLE IF NOT EXISTS entries (
            seq INTEGER PRIMARY KEY, mapping TEXT NOT NULL, crm_id TEXT NOT NULL, prm_id TEXT,
            op TEXT NOT NULL, changes TEXT NOT NULL, status TEXT NOT NULL, at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX IF NOT EXISTS entries_crm ON entries (crm_id);
        """)
    let changes = #"{"Amount":{"before":"1200.00","after":"1350.00"},"StageName":{"before":"Proposal","after":"Negotiation"}}"#
    let insert = try db.cachedStatement("""
        INSERT INTO entries (mapping, crm_id, prm_id, op, changes, status, at) VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    let start = DispatchTime.now().uptimeNanoseconds
    var written = 0
    while written < rows {
        let count = min(batch, rows - written)
        try db.inTransaction { _ in
            for index in written..<(written + count) {
                try insert.execute(["deals", .text("006\(index)"), .text("prm-\(index)"), "update",
                                    .text(changes), "applied", .integer(Int64(index))])
            }
            return .commit
        }
        written += count
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    say("inserted \(rows) rows in batches of \(batch): \(String(format: "%.2f", seconds)) s, \(Int(Double(rows) / seconds)) rows/s")
    let total = try db.scalar("SELECT count(*) FROM entries", as: Int.self) ?? 0
    var latencies: [Double] = []
    let lookup = try db.cachedStatement("SELECT seq, status FROM entries WHERE crm_id = ?")
    for probe in 0..<1_000 {
        let key = "006\((probe * 7_919) % max(1, total))"
        let begin = DispatchTime.now().uptimeNanoseconds
        _ = try lookup.query([.text(key)]) { try $0.decode(Int64.self, at: 0) }
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6)
    }
    latencies.sort()
    say("lookups by indexed crm_id over \(total) rows: median \(String(format: "%.3f", latencies[500])) ms,"
        + " p99 \(String(format: "%.3f", latencies[990])) ms, max \(String(format: "%.3f", latencies[999])) ms")
    try db.close()
}

/// Writes until the disk, quota or file-size limit says no; reports the error and what
/// is left readable.
func fill(path: String, limit: UInt64?) throws {
    if let limit {
        signal(SIGXFSZ, SIG_IGN)
        var bound = rlimit(rlim_cur: rlim_t(limit), rlim_max: rlim_t(limit))
        guard setrlimit(Int32(RLIMIT_FSIZE.rawValue), &bound) == 0 else {
            say("error setrlimit: \(String(cString: strerror(errno)))")
            exit(1)
        }
    }
    let db = try Database(path: path)
    try db.execute("CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL) STRICT")
    let body = DatabaseValue.blob(Data(repeating: 0xA5, count: 64 << 10))
    do {
        while true {
            try db.inTransaction { db in
                try db.execute("INSERT INTO blobs (body) VALUES (?)", [body])
                return .commit
            }
        }
    } catch {
        say("refused \(String(describing: error).replacingOccurrences(of: "\n", with: " "))")
    }
    say("rows \(try db.scalar("SELECT count(*) FROM blobs", as: Int.self) ?? -1)")
    try? db.close()
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
    case "fill":
        try fill(path: path, limit: arguments.count > 2 ? UInt64(arguments[2]) : nil)
    case "bench":
        let rows = arguments.count > 2 ? Int(arguments[2]) ?? 0 : 1_000_000
        let batch = arguments.count > 3 ? Int(arguments[3]) ?? 0 : 1_000
        try bench(path: path, rows: rows, batch: max(1, batch))
    default:
        say("error unknown mode \(arguments[0])")
        exit(64)
    }
} catch {
    fail(error)
}
