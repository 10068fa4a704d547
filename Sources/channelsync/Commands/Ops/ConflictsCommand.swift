import SyncCore
import SyncStore

/// `channelsync conflicts`: decisions waiting for ops.
struct ConflictsCommand: Command {
    static let path = ["conflicts"]
    static let summary = "List conflicts waiting for a decision (read-only)"
    static let help = """
    USAGE: channelsync conflicts [--mapping M] [--state S] [--json] [--wide] [--db PATH | --config PATH]

    Lists conflicts, oldest first: fields changed differently on both sides under a
    'manual' policy, deletes that met an edit, and records that matched more than one
    candidate. Resolve one with 'channelsync conflicts resolve ID'. Opens the
    database read-only.

    OPTIONS:
      --mapping M   Only conflicts of mapping M
      --state S     open, resolved (decided, waiting for the next cycle), closed, or all;
                    default: open and resolved
      --json        One JSON document on stdout
      --wide        Do not cut long cells
      -h, --help    Show this help

    \(DatabaseLocation.documentation)

    OUTPUT:
      Table columns: ID OPENED MAPPING KIND FIELD CRM-ID PRM-ID BASE CRM-VALUE PRM-VALUE STATE.
      --json prints {"conflicts": [CONFLICT, …]} with CONFLICT
        {"id": N, "mapping": S, "link": S, "crmId": S|null, "prmId": S|null,
         "kind": "field"|"deleteVsEdit"|"ambiguousLink"|"channel", "field": S|null,
         "base": VALUE, "crm": VALUE, "prm": VALUE, "deletedSide": "crm"|"prm"|null,
         "candidates": [S], "state": "open"|"resolved"|"closed", "openedAt": TIME,
         "resolution": {"take": "crm"|"prm"|"value", "value": VALUE} | null,
         "resolvedAt": TIME|null, "resolvedBy": S|null, "closedAt": TIME|null}
      VALUE is a canonical value as in 'journal --json', or null when that side has
      none. TIME is ISO-8601 UTC with milliseconds.

    EXIT CODES:
      0   success (also when there are none)
      1   the database cannot be read
      64  usage error
    """

    let database: (db: String?, config: String?)
    let mapping: String?
    let states: Set<ConflictRecord.State>
    let json: Bool
    let wide: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        mapping = try arguments.option("--mapping")
        if mapping?.isEmpty == true { throw .usage("--mapping needs a value") }
        states = try arguments.states(default: [.open, .resolved])
        json = arguments.flag("--json")
        wide = arguments.flag("--wide")
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = try StateAccess.openReadOnly(location)
        let conflicts = try StateAccess.using(state, location) { try $0.conflicts(mapping: mapping, states: states) }
        if json {
            console.out(JSONFields.line(.object(["conflicts": .array(conflicts.map(\.json))])))
        } else if conflicts.isEmpty {
            console.err("no conflicts")
        } else {
            var table = TextTable(ConflictRecord.tableColumns)
            for conflict in conflicts { table.append(conflict.tableCells) }
            for line in table.render(wide: wide) { console.out(line) }
        }
        return .success
    }
}
