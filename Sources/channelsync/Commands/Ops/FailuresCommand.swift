import SyncCore
import SyncStore

/// `channelsync failures`: writes that did not succeed.
struct FailuresCommand: Command {
    static let path = ["failures"]
    static let summary = "List failed writes and dead letters with the remote's error (read-only)"
    static let help = """
    USAGE: channelsync failures [--mapping M] [--state S] [--json] [--wide] [--db PATH | --config PATH]

    Lists writes the remote refused, oldest first, with the payload sent and the
    remote's error verbatim. State 'retry' is resent automatically on the next cycle;
    'dead' (a dead letter) waits for 'channelsync retry ID'; 'requeued' was requeued
    by ops and goes out on the next cycle. Opens the database read-only.

    OPTIONS:
      --mapping M   Only failures of mapping M
      --state S     retry, dead, requeued, closed, or all; default: all but closed
      --json        One JSON document on stdout (includes the payload)
      --wide        Do not cut long cells
      -h, --help    Show this help

    \(DatabaseLocation.documentation)

    OUTPUT:
      Table columns: ID LAST-FAILED MAPPING OP TO CRM PRM TRIES STATE ERROR.
      --json prints {"failures": [FAILURE, …]} with FAILURE
        {"id": N, "mapping": S, "writeId": N, "link": S|null, "crmId": S|null, "prmId": S|null,
         "side": "crm"|"prm" (the side written to), "operation": "create"|"update"|"delete",
         "recordId": S|null, "externalId": S|null, "payload": {FIELD: JSON},
         "error": {"httpStatus": N|null, "code": S|null, "message": S},
         "attempts": N, "state": "retry"|"dead"|"requeued"|"closed",
         "firstFailedAt": TIME, "lastFailedAt": TIME, "requeuedAt": TIME|null,
         "requeuedBy": S|null, "closedAt": TIME|null}

    EXIT CODES:
      0   success (also when there are none)
      1   the database cannot be read
      64  usage error
    """

    let database: (db: String?, config: String?)
    let mapping: String?
    let states: Set<FailureRecord.State>
    let json: Bool
    let wide: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        mapping = try arguments.option("--mapping")
        if mapping?.isEmpty == true { throw .usage("--mapping needs a value") }
        states = try arguments.states(default: [.retry, .dead, .requeued])
        json = arguments.flag("--json")
        wide = arguments.flag("--wide")
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = try StateAccess.openReadOnly(location)
        let failures = try StateAccess.using(state, location) { try $0.failures(mapping: mapping, states: states) }
        if json {
            console.out(JSONFields.line(.object(["failures": .array(failures.map(\.json))])))
        } else if failures.isEmpty {
            console.err("no failures")
        } else {
            var table = TextTable(FailureRecord.tableColumns)
            for failure in failures { table.append(failure.tableCells) }
            for line in table.render(wide: wide) { console.out(line) }
        }
        return .success
    }
}
