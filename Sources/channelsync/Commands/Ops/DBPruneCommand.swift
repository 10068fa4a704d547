import SyncCore
import SyncStore

/// `channelsync db prune --older-than D`: journal retention.
struct DBPruneCommand: Command {
    static let path = ["db", "prune"]
    static let summary = "Delete journal history older than a duration, never pending or open work (writes the database)"
    static let help = """
    USAGE: channelsync db prune --older-than D [--dry-run] [--json] [--db PATH | --config PATH]

    Deletes journal rows older than D, and with them the writes they describe,
    conflicts and failures closed before then, and cycles that ended before then
    (each mapping keeps its newest cycle). Never deleted: intents still waiting for an
    outcome (and an intent whose outcome is newer than D), rows of writes behind an
    open failure, and rows of links with an open conflict or failure.
    This is one of the three commands that write: one IMMEDIATE transaction drops the
    journal's append-only delete trigger, deletes, re-creates the trigger, and journals
    the prune (operation 'prune', mapping '*', with your user name), waiting up to 10 s
    for the daemon's lock. On a big journal, run it when the daemon is quiet.

    OPTIONS:
      --older-than D  Age of the history to delete, e.g. 90d, 2160h (required)
      --dry-run       Count what would be deleted; change nothing
      --json          Print {"dryRun": BOOL, "cutoff": TIME, "journalRows": N,
                      "journalRowsKept": N, "writes": N, "closedConflicts": N,
                      "closedFailures": N, "cycles": N, "journalSeq": N|null}
                      (journalRowsKept: old rows kept because they are pending or open)
      -h, --help      Show this help

    \(DatabaseLocation.documentation)

    EXIT CODES:
      0   pruned (or counted, with --dry-run)
      1   the database cannot be written
      64  usage error
    """

    let database: (db: String?, config: String?)
    let age: Int64
    let dryRun: Bool
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        guard let text = try arguments.option("--older-than") else { throw .usage("db prune needs --older-than D, e.g. 90d") }
        age = try TimeArgument.duration(text, option: "--older-than")
        dryRun = arguments.flag("--dry-run")
        json = arguments.flag("--json")
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = dryRun ? try StateAccess.openReadOnly(location) : try StateAccess.openForOps(location)
        let cutoff = SyncState.systemMillis() - age
        let report = try StateAccess.using(state, location) {
            try $0.prune(olderThan: cutoff, dryRun: dryRun, by: OpsActor.current)
        }
        if json {
            console.out(JSONFields.line(.object([
                "dryRun": .bool(dryRun), "cutoff": TimeText.json(cutoff), "journalRows": JSONFields.number(report.journalRows),
                "journalRowsKept": JSONFields.number(report.journalRowsKept), "writes": JSONFields.number(report.writes),
                "closedConflicts": JSONFields.number(report.closedConflicts),
                "closedFailures": JSONFields.number(report.closedFailures), "cycles": JSONFields.number(report.cycles),
                "journalSeq": JSONFields.number(report.journalSeq),
            ])))
        } else {
            let verb = dryRun ? "would delete" : "deleted"
            console.out("\(verb) \(report.journalRows) journal rows older than \(TimeText.table(cutoff)) "
                + "(\(report.journalRowsKept) older rows kept: pending or tied to open conflicts/failures), "
                + "\(report.writes) writes, \(report.closedConflicts) closed conflicts, \(report.closedFailures) closed failures, "
                + "\(report.cycles) cycles")
        }
        return .success
    }
}
