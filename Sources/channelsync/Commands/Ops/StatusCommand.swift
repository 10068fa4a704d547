import SyncCore
import SyncStore

/// `channelsync status`: where each mapping stands.
struct StatusCommand: Command {
    static let path = ["status"]
    static let summary = "Show each mapping's last cycle, lag, links, pending work and API use (read-only)"
    static let help = """
    USAGE: channelsync status [--mapping M] [--json] [--db PATH | --config PATH]

    Per mapping: the last cycle's start and result, lag behind each side (time since
    that side's changes were last fully read, i.e. since its cursor was saved), linked
    records, writes still waiting for an outcome, open conflicts, failures (dead
    letters apart), and API calls in the last 24 hours with the smallest quota any
    remote reported left. A second table lists API use per remote. Opens the database
    read-only; safe while the daemon runs.

    OPTIONS:
      --mapping M   Only mapping M
      --json        One JSON document on stdout
      -h, --help    Show this help

    \(DatabaseLocation.documentation)

    OUTPUT:
      --json prints {"generatedAt": TIME, "mappings": [MAPPING, …]} with MAPPING
        {"mapping": S,
         "lastCycle": {"id": N, "startedAt": TIME, "endedAt": TIME|null,
                       "result": "running"|"ok"|"partial"|"failed"|"interrupted", "error": S|null,
                       "counts": {"pulledCRM": N, "pulledPRM": N, "writtenCRM": N, "writtenPRM": N,
                                  "conflicts": N, "failures": N},
                       "remotes": [USAGE]} | null,
         "lastSuccessAt": TIME|null,
         "lag": {"crm": {"cursorSavedAt": TIME, "highWater": TIME|null, "seconds": N} | null,
                 "prm": … },
         "links": {"active": N, "deleted": N, "flagged": N, "review": N, "unlinked": N},
         "pendingIntents": N, "openConflicts": N, "resolvedConflicts": N,
         "failures": {"retry": N, "dead": N, "requeued": N},
         "remotes": [USAGE]}   (summed over the last 24 hours)
      USAGE is {"remote": S, "requests": N, "throttled": N, "quotaUsed": N|null,
                "quotaLimit": N|null, "quotaRemaining": N|null}.

    EXIT CODES:
      0   success
      1   the database cannot be read, or --mapping names a mapping it does not know
      64  usage error
    """

    let database: (db: String?, config: String?)
    let mapping: String?
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        mapping = try arguments.option("--mapping")
        if mapping?.isEmpty == true { throw .usage("--mapping needs a value") }
        json = arguments.flag("--json")
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = try StateAccess.openReadOnly(location)
        let now = SyncState.systemMillis()
        let statuses = try StateAccess.using(state, location) { state -> [MappingStatus] in
            var statuses: [MappingStatus] = []
            try state.database.inTransaction(.deferred) { _ in
                if let mapping, !(try state.mappings().contains(mapping)) {
                    throw CLIError.failure("no mapping '\(TextTable.printable(mapping))' in \(location.path)")
                }
                statuses = try state.status(mapping: mapping, now: now)
                return .commit
            }
            return statuses
        }
        if json {
            console.out(JSONFields.line(.object(["generatedAt": TimeText.json(now),
                                                 "mappings": .array(statuses.map { $0.json(now: now) })])))
            return .success
        }
        guard !statuses.isEmpty else {
            console.out("no mappings have run yet (\(location.path))")
            return .success
        }
        var table = TextTable(MappingStatus.tableColumns)
        for status in statuses { table.append(status.tableCells(now: now)) }
        for line in table.render() { console.out(line) }
        var usage = TextTable([.init("MAPPING", max: 20), .init("REMOTE", max: 20), .init("CALLS 24H", right: true),
                               .init("THROTTLED", right: true), .init("QUOTA USED", right: true),
                               .init("QUOTA LIMIT", right: true), .init("LEFT", right: true)])
        for status in statuses {
            for remote in status.remotes {
                usage.append([status.mapping, remote.remote, String(remote.requests), String(remote.throttled),
                              remote.quotaUsed.map(String.init) ?? "-", remote.quotaLimit.map(String.init) ?? "-",
                              remote.quotaRemaining.map(String.init) ?? "-"])
            }
        }
        if !usage.isEmpty {
            console.out("")
            for line in usage.render() { console.out(line) }
        }
        for status in statuses where status.lastCycle?.result == .failed {
            if let error = status.lastCycle?.error {
                console.out("\n\(status.mapping): last cycle failed: \(TextTable.printable(error))")
            }
        }
        return .success
    }
}
