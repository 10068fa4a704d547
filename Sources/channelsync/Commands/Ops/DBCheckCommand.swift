import SyncCore
import SyncStore

/// `channelsync db check`: is the state database sound?
struct DBCheckCommand: Command {
    static let path = ["db", "check"]
    static let summary = "Check the state database: integrity, foreign keys, journal invariants (read-only)"
    static let help = """
    USAGE: channelsync db check [--json] [--db PATH | --config PATH]

    Runs SQLite's integrity check and foreign-key check, compares the schema version
    with this build's, and checks the journal's own rules: the append-only triggers
    are in place, every outcome row settles exactly one intent, pending writes have
    their intent rows and no outcome. Reads every page (slow on a big journal); opens
    the database read-only, so it is safe while the daemon runs.

    OPTIONS:
      --json        Print {"path": S, "sound": BOOL, "schemaVersion": N,
                    "expectedSchemaVersion": N, "integrity": [S], "foreignKeys": [S],
                    "invariants": [S], "journalRows": N, "pendingIntents": N}
      -h, --help    Show this help

    \(DatabaseLocation.documentation)

    EXIT CODES:
      0   sound
      1   problems found (listed), or the database cannot be read
      64  usage error
    """

    let database: (db: String?, config: String?)
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        json = arguments.flag("--json")
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = try StateAccess.openReadOnly(location)
        let report = try StateAccess.using(state, location) { try $0.check() }
        if json {
            console.out(JSONFields.line(.object([
                "path": .string(location.path), "sound": .bool(report.isSound),
                "schemaVersion": JSONFields.number(report.schemaVersion),
                "expectedSchemaVersion": JSONFields.number(report.expectedSchemaVersion),
                "integrity": .array(report.integrity.map { .string($0) }),
                "foreignKeys": .array(report.foreignKeys.map { .string($0) }),
                "invariants": .array(report.invariants.map { .string($0) }),
                "journalRows": JSONFields.number(report.journalRows), "pendingIntents": JSONFields.number(report.pendingIntents),
            ])))
        } else if report.isSound {
            console.out("\(location.path): ok (schema \(report.schemaVersion), \(report.journalRows) journal rows, "
                + "\(report.pendingIntents) pending intents)")
        } else {
            for problem in report.integrity { console.err("integrity: \(problem)") }
            for problem in report.foreignKeys { console.err("foreign key: \(problem)") }
            for problem in report.invariants { console.err("journal: \(problem)") }
            console.err("\(location.path): \(report.integrity.count + report.foreignKeys.count + report.invariants.count) problem(s)")
        }
        return report.isSound ? .success : .failure
    }
}
