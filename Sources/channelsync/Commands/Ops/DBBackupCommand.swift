import Foundation
import SyncCore
import SyncStore

/// `channelsync db backup PATH`: a consistent copy while the daemon runs.
struct DBBackupCommand: Command {
    static let path = ["db", "backup"]
    static let summary = "Copy the state database with SQLite's online backup, then check the copy (read-only)"
    static let help = """
    USAGE: channelsync db backup DEST [--json] [--db PATH | --config PATH]

    Copies the whole database, consistent as of one moment, to DEST with SQLite's
    online backup API; the daemon keeps writing meanwhile. The copy is written beside
    DEST and moved into place only when complete, is a single file (no -wal), and is
    then opened and integrity-checked. DEST must not exist. Opens the source
    read-only.

    OPTIONS:
      --json        Print {"source": S, "destination": S, "bytes": N, "sound": BOOL,
                    "integrity": [S], "journalRows": N}
      -h, --help    Show this help

    \(DatabaseLocation.documentation)

    EXIT CODES:
      0   the copy is complete and passes the integrity check
      1   the copy failed or does not pass the check, DEST exists, or the source
          cannot be read
      64  usage error
    """

    let database: (db: String?, config: String?)
    let destination: String
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        json = arguments.flag("--json")
        guard let destination = arguments.positional(), !destination.isEmpty else {
            throw .usage("db backup needs a destination path")
        }
        self.destination = destination
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = try StateAccess.openReadOnly(location)
        try StateAccess.using(state, location) { try $0.database.backup(to: destination) }
        let copyLocation = DatabaseLocation(path: destination, origin: "the backup")
        let copy = try StateAccess.openReadOnly(copyLocation)
        let report = try StateAccess.using(copy, copyLocation) { try $0.check() }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
        if json {
            console.out(JSONFields.line(.object([
                "source": .string(location.path), "destination": .string(destination), "bytes": JSONFields.number(bytes),
                "sound": .bool(report.isSound),
                "integrity": .array((report.integrity + report.foreignKeys + report.invariants).map { .string($0) }),
                "journalRows": JSONFields.number(report.journalRows),
            ])))
        } else if report.isSound {
            console.out("backed up \(location.path) to \(destination) (\(bytes) bytes, \(report.journalRows) journal rows); "
                + "integrity check ok")
        } else {
            for problem in report.integrity + report.foreignKeys + report.invariants { console.err("copy: \(problem)") }
            console.err("the copy at \(destination) does not pass the integrity check")
        }
        return report.isSound ? .success : .failure
    }
}
