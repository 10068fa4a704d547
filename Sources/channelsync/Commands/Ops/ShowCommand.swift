import SyncCore
import SyncStore

/// `channelsync show ID`: everything known about one record or link.
struct ShowCommand: Command {
    static let path = ["show"]
    static let summary = "Show one record's links, shadow, conflicts, failures and full history (read-only)"
    static let help = """
    USAGE: channelsync show ID [--limit N] [--json] [--wide] [--db PATH | --config PATH]

    ID is a CRM id, a PRM id or a link id, in any mapping. Shows each link holding it
    (status, both ids), the link's shadow (the values both sides last agreed on),
    a lead's route (lead distribution: partner, state, deadline, partners that had it),
    its conflicts and failures in every state, and its whole journal history across
    both systems, oldest first. Opens the database read-only.

    OPTIONS:
      --limit N     At most N history rows, the newest (default 1000, 1 to 1000000)
      --json        One JSON document on stdout
      --wide        Do not cut long cells
      -h, --help    Show this help

    \(DatabaseLocation.documentation)

    OUTPUT:
      --json prints
        {"id": S, "links": [LINK, …], "leadRoutes": [ROUTE, …], "conflicts": [CONFLICT, …],
         "failures": [FAILURE, …], "journal": [ROW, …], "journalTruncated": BOOL}
      LINK is {"id", "mapping", "crmId", "prmId", "status", "createdAt", "updatedAt",
               "shadow": {"crm": {FIELD: VALUE}, "prm": {FIELD: VALUE}, "crmModifiedAt",
                          "prmModifiedAt", "crmHash", "prmHash", "conflictFields": [S],
                          "updatedAt"} | null};
      ROUTE is {"mapping", "crmId", "partner", "rule", "state": "offered"|"accepted"|
                "rejected"|"exhausted"|"unrouted", "offeredAt", "deadline",
                "excluded": [S], "lead": {…}, "updatedAt"};
      CONFLICT, FAILURE and ROW are as in 'conflicts --json', 'failures --json' and
      'journal --json'.

    EXIT CODES:
      0   found
      1   nothing is known about ID, or the database cannot be read
      64  usage error
    """

    let database: (db: String?, config: String?)
    let id: String
    let limit: Int
    let json: Bool
    let wide: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        limit = try arguments.intOption("--limit", in: 1...1_000_000) ?? 1_000
        json = arguments.flag("--json")
        wide = arguments.flag("--wide")
        guard let id = arguments.positional(), !id.isEmpty else { throw .usage("show needs an ID (a CRM id, a PRM id or a link id)") }
        self.id = id
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = try StateAccess.openReadOnly(location)
        return try StateAccess.using(state, location) { state in
            // One read transaction: every section describes the same moment.
            var result = ExitStatus.success
            try state.database.inTransaction(.deferred) { _ in
                result = try show(state, console: console)
                return .commit
            }
            return result
        }
    }

    private func show(_ state: SyncState, console: Console) throws -> ExitStatus {
        let links = try state.links(matching: id)
        let shadows = try links.map { try state.shadow(linkID: $0.id) }
        var seen: Set<String> = []
        let routes = try ([id] + links.compactMap(\.crmID)).filter { seen.insert($0).inserted }
            .flatMap { try state.leadRoutes(crmID: $0) }
        let conflicts = try state.conflicts(linkIDs: links.map(\.id))
        var failures = try state.failures(matching: id)
        for link in links {
            for failure in try state.failures(matching: link.id) where !failures.contains(where: { $0.id == failure.id }) {
                failures.append(failure)
            }
        }
        failures.sort { $0.id < $1.id }
        var rows = try state.journal(JournalQuery(record: id, limit: limit + 1))
        let truncated = rows.count > limit
        if truncated { rows.removeFirst() }
        guard !links.isEmpty || !rows.isEmpty || !failures.isEmpty || !routes.isEmpty else {
            throw CLIError.failure("nothing is known about '\(TextTable.printable(id))': no link, journal row or failure has it as CRM, PRM or link id")
        }
        if json {
            console.out(JSONFields.line(.object([
                "id": .string(id),
                "links": .array(zip(links, shadows).map { $0.json(shadow: $1) }),
                "leadRoutes": .array(routes.map(\.json)),
                "conflicts": .array(conflicts.map(\.json)), "failures": .array(failures.map(\.json)),
                "journal": .array(rows.map(\.json)), "journalTruncated": .bool(truncated),
            ])))
            return .success
        }
        for (link, shadow) in zip(links, shadows) {
            console.out("LINK \(link.id)  mapping \(link.mapping)  status \(link.status.rawValue)  "
                + "CRM \(link.crmID ?? "-")  PRM \(link.prmID ?? "-")  "
                + "created \(TimeText.table(link.createdAt))  updated \(TimeText.table(link.updatedAt))")
            if let shadow {
                console.out("  SHADOW (saved \(TimeText.table(shadow.updatedAt)); CRM modified \(TimeText.table(shadow.crmModifiedAt)), "
                    + "PRM modified \(TimeText.table(shadow.prmModifiedAt)))")
                for line in shadow.fieldTable.render(wide: wide) { console.out("    " + line) }
            } else {
                console.out("  no shadow yet (the pair has not been synced)")
            }
            console.out("")
        }
        if links.isEmpty { console.out("no link holds '\(TextTable.printable(id))'\n") }
        for route in routes { console.out(route.line + "\n") }
        section("CONFLICTS", conflicts.isEmpty ? nil : table(ConflictRecord.tableColumns, conflicts.map(\.tableCells)), console)
        section("FAILURES", failures.isEmpty ? nil : table(FailureRecord.tableColumns, failures.map(\.tableCells)), console)
        let title = truncated ? "HISTORY (newest \(limit) rows; raise --limit for more)" : "HISTORY (\(rows.count) rows)"
        section(title, rows.isEmpty ? nil : table(JournalRow.tableColumns, rows.map(\.tableCells)), console)
        return .success
    }

    private func table(_ columns: [TextTable.Column], _ rows: [[String]]) -> TextTable {
        var table = TextTable(columns)
        for row in rows { table.append(row) }
        return table
    }

    private func section(_ title: String, _ table: TextTable?, _ console: Console) {
        console.out(title)
        guard let table else {
            console.out("  none\n")
            return
        }
        for line in table.render(wide: wide) { console.out("  " + line) }
        console.out("")
    }
}
