import Foundation
import SyncCore
import SyncStore

/// `channelsync journal`: the sync history, filtered, as a table or JSON; `--follow`
/// streams new rows like `tail -f`.
struct JournalCommand: Command {
    static let path = ["journal"]
    static let summary = "Show the sync journal: what changed, when, why (read-only; --follow streams)"
    static let help = """
    USAGE: channelsync journal [--mapping M] [--record ID] [--since T] [--until T] [--op OP]
                               [--status S] [--limit N] [--json] [--follow [--interval D]] [--wide]
                               [--db PATH | --config PATH]

    Prints journal rows, oldest first: the newest N that match every filter given.
    Each remote write appears twice: its intent (written before the write was sent;
    the table shows it as 'pending' until the outcome is in, then as 'intent') and its
    outcome (a later row naming the intent's seq, with applied, failed, dead or
    skipped). Opens the database read-only; safe while the daemon runs.

    OPTIONS:
      --mapping M     Only rows of mapping M
      --record ID     Only rows about this record: ID is a CRM id, a PRM id or a link id
                      (rows of the record's links are included)
      --since T       Only rows at or after T
      --until T       Only rows before T
      --op OP         Only this operation: create, update, delete, link, unlink, review,
                      flag, conflict, none, resolve, retry, prune, route (lead distribution)
      --status S      Only this status: applied, failed, dead, skipped, or pending (intents
                      whose write still waits for its outcome)
      --limit N       At most N rows, the newest (default 100, 1 to 1000000)
      --json          One JSON document on stdout instead of a table
      --follow        Keep running and print new matching rows as they are journaled
                      (stop with Ctrl-C); with --json, one JSON object per line
      --interval D    How often --follow polls (default 1s; e.g. 250ms, 5s)
      --wide          Do not cut long cells in the table
      -h, --help      Show this help

      \(TimeArgument.documentation).

    \(DatabaseLocation.documentation)

    OUTPUT:
      Table columns: SEQ TIME MAPPING OP DIR STATUS CRM PRM RULE WHAT; times are UTC,
      long cells end in '…' (use --wide or --json for everything); control
      characters in remote data are shown as '?'.
      --json prints {"rows": [ROW, …], "truncated": BOOL} where truncated says that
      more rows matched than --limit, and ROW is
        {"seq": N, "at": "2024-05-01T10:00:00.000Z", "cycle": N|null, "mapping": S,
         "link": S|null, "crmId": S|null, "prmId": S|null,
         "direction": "toCRM"|"toPRM"|"none", "operation": S, "rule": S|null,
         "changes": [{"field": S, "before": VALUE, "after": VALUE}]|null,
         "detail": S|null, "status": "pending"|"applied"|"failed"|"dead"|"skipped",
         "writeId": N|null, "intentSeq": N|null, "outcomeSeq": N|null, "error": S|null,
         "attempt": N}
      VALUE is a canonical value: null, {"string": S}, {"number": "12.50"},
      {"bool": B}, {"date": "2024-05-01"} or {"datetime": EPOCH_MS}. An intent has
      status "pending" for good (the journal is append-only); its outcomeSeq names the
      outcome row once there is one. An outcome row has intentSeq set; error holds the
      remote's error verbatim.
      With --follow --json: the matching rows, then each new row, one ROW per line.

    EXIT CODES:
      0   success (also when nothing matches)
      1   the database cannot be read
      64  usage error
    """

    let database: (db: String?, config: String?)
    let query: JournalQuery
    let json: Bool
    let follow: Bool
    let interval: Int64
    let wide: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        let now = SyncState.systemMillis()
        var query = JournalQuery()
        query.mapping = try arguments.option("--mapping")
        query.record = try arguments.option("--record")
        query.since = try arguments.option("--since").map { text throws(CLIError) in
            try TimeArgument.parse(text, option: "--since", now: now)
        }
        query.until = try arguments.option("--until").map { text throws(CLIError) in
            try TimeArgument.parse(text, option: "--until", now: now)
        }
        query.operation = try arguments.option("--op")
        if let status = try arguments.option("--status") {
            guard let parsed = JournalRow.Status(rawValue: status) else {
                throw .usage("--status takes one of \(JournalRow.Status.allCases.map(\.rawValue).joined(separator: ", ")), not '\(TextTable.printable(status))'")
            }
            query.status = parsed
        }
        query.limit = try arguments.intOption("--limit", in: 1...1_000_000) ?? 100
        json = arguments.flag("--json")
        follow = arguments.flag("--follow")
        wide = arguments.flag("--wide")
        let intervalText = try arguments.option("--interval")
        if intervalText != nil, !follow { throw .usage("--interval applies only with --follow") }
        interval = try intervalText.map { text throws(CLIError) in try TimeArgument.duration(text, option: "--interval") } ?? 1_000
        for (name, value) in [("--mapping", query.mapping), ("--record", query.record), ("--op", query.operation)]
            where value?.isEmpty == true {
            throw .usage("\(name) needs a value")
        }
        if let since = query.since, let until = query.until, since >= until {
            throw .usage("--since must be before --until")
        }
        self.query = query
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = try StateAccess.openReadOnly(location)
        return try StateAccess.using(state, location) { state in
            let lastBefore = try state.lastJournalSeq()
            var probe = query
            probe.limit = query.limit + 1
            var rows = try state.journal(probe)
            let truncated = rows.count > query.limit
            if truncated { rows.removeFirst() }
            if follow {
                try stream(state, initial: rows, after: max(lastBefore, rows.last?.seq ?? 0), console: console)
                return .success
            } else if json {
                console.out(JSONFields.line(.object(["rows": .array(rows.map(\.json)), "truncated": .bool(truncated)])))
            } else if rows.isEmpty {
                console.err("no journal rows match")
            } else {
                var table = TextTable(JournalRow.tableColumns)
                for row in rows { table.append(row.tableCells) }
                for line in table.render(wide: wide) { console.out(line) }
                if truncated {
                    console.err("(showing the newest \(query.limit) matching rows; older ones exist: raise --limit or narrow with --since)")
                }
            }
            return .success
        }
    }

    /// Prints `initial`, then polls for newer matching rows until killed.
    private func stream(_ state: SyncState, initial: [JournalRow], after seq: Int64, console: Console) throws {
        var printedHeader = false
        func emit(_ rows: [JournalRow]) {
            if json {
                for row in rows { console.out(JSONFields.line(row.json)) }
                return
            }
            if rows.isEmpty, printedHeader { return }
            var table = TextTable(JournalRow.tableColumns)
            for row in rows { table.append(row.tableCells) }
            // Fixed widths, so rows printed in later polls line up with earlier ones.
            let lines = table.renderFixed(wide: wide)
            for line in lines.dropFirst(printedHeader ? 1 : 0) { console.out(line) }
            printedHeader = true
        }
        emit(initial)
        var last = seq
        var next = query
        next.newest = false
        next.limit = 1_000
        while true {
            // Rows up to the journal's end as of now: the next poll starts after it even
            // when nothing matched, so a rare filter does not rescan a growing tail.
            let top = try state.lastJournalSeq()
            next.afterSeq = last
            next.throughSeq = top
            let rows = try state.journal(next)
            emit(rows)
            if rows.count == next.limit, let newest = rows.last {
                last = newest.seq  // a full page: read on at once
                continue
            }
            last = max(last, top)
            Pause.sleep(milliseconds: interval)
        }
    }
}
