import SyncCore
import SyncStore

/// `channelsync retry`: requeues dead letters for the next cycle.
struct RetryCommand: Command {
    static let path = ["retry"]
    static let summary = "Requeue dead letters; the next cycle sends them again (writes the database)"
    static let help = """
    USAGE: channelsync retry ID [--json] [--db PATH | --config PATH]
           channelsync retry --all [--mapping M] [--json] [--db PATH | --config PATH]

    Requeues a dead letter (a failure in state 'dead', see 'channelsync failures') so
    that the next cycle of its mapping sends the write again, and journals it
    (operation 'retry', with your user name). This is one of the three commands that
    write: it opens the database read-write for one short transaction, waiting up to
    10 s for the daemon's lock.

    OPTIONS:
      --all         Requeue every dead letter (of mapping M with --mapping)
      --mapping M   With --all: only dead letters of mapping M
      --json        Print {"requeued": [ID, …]}
      -h, --help    Show this help

    \(DatabaseLocation.documentation)

    EXIT CODES:
      0   requeued (with --all also when there was nothing to requeue)
      1   no failure with that ID, it is not dead, or the database cannot be written
      64  usage error (bad ID, neither or both of ID and --all)
    """

    let database: (db: String?, config: String?)
    let id: Int64?
    let mapping: String?
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        let all = arguments.flag("--all")
        mapping = try arguments.option("--mapping")
        json = arguments.flag("--json")
        let idText = arguments.positional()
        if mapping?.isEmpty == true { throw .usage("--mapping needs a value") }
        switch (idText, all) {
        case (nil, false): throw .usage("give a failure ID or --all")
        case (.some, true): throw .usage("give a failure ID or --all, not both")
        case (nil, true): id = nil
        case let (text?, false):
            guard let id = Int64(text), id > 0 else {
                throw .usage("failure ids are positive numbers (see 'channelsync failures'), not '\(TextTable.printable(text))'")
            }
            if mapping != nil { throw .usage("--mapping applies only with --all") }
            self.id = id
        }
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = try StateAccess.openForOps(location)
        let actor = OpsActor.current
        let requeued = try StateAccess.using(state, location) { state -> [Int64] in
            if let id {
                try state.requeueFailure(id: id, by: actor)
                return [id]
            }
            return try state.requeueAllFailures(mapping: mapping, by: actor)
        }
        if json {
            console.out(JSONFields.line(.object(["requeued": .array(requeued.map { JSONFields.number($0) })])))
        } else if requeued.isEmpty {
            console.out("no dead letters to requeue")
        } else {
            let list = requeued.map(String.init).joined(separator: ", ")
            console.out("requeued \(requeued.count) dead letter\(requeued.count == 1 ? "" : "s") (\(list)); the next cycle sends "
                + (requeued.count == 1 ? "it" : "them") + " again")
        }
        return .success
    }
}
