import SyncCore
import SyncStore

/// `channelsync conflicts resolve ID`: ops decide; the next cycle applies it.
struct ConflictsResolveCommand: Command {
    static let path = ["conflicts", "resolve"]
    static let summary = "Decide an open conflict; the next cycle applies it (writes the database)"
    static let help = """
    USAGE: channelsync conflicts resolve ID (--take crm|prm | --value V) [--json]
                                            [--db PATH | --config PATH]

    Records your decision for conflict ID (see 'channelsync conflicts') and journals
    it (operation 'resolve', with your user name); the next cycle of the conflict's
    mapping writes the chosen value to both sides and closes the conflict.
    This is one of the three commands that write: it opens the database read-write
    for one short transaction, waiting up to 10 s for the daemon's lock.

    OPTIONS:
      --take crm|prm  Keep that side's value (for a delete-versus-edit conflict: that
                      side's state, deleted or kept)
      --value V       Write V to both sides. V is read as the conflicting values' type:
                      text, a decimal number (12.50), true/false, a date (2024-05-01),
                      or an ISO-8601 time for datetimes; 'null' empties the field;
                      canonical JSON ({"number":"12.50"}) is accepted as is.
                      For an ambiguous match, V is the id of the candidate to link.
      --json          Print {"conflict": CONFLICT, "journalSeq": N} (CONFLICT as in
                      'conflicts --json')
      -h, --help      Show this help

    \(DatabaseLocation.documentation)

    EXIT CODES:
      0   resolved
      1   no such conflict, it is not open, the value does not fit, or the database
          cannot be written
      64  usage error (bad ID, neither or both of --take and --value)
    """

    let database: (db: String?, config: String?)
    let id: Int64
    let take: Side?
    let value: String?
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        database = try DatabaseLocation.parse(&arguments)
        let takeText = try arguments.option("--take")
        value = try arguments.option("--value")
        json = arguments.flag("--json")
        guard let idText = arguments.positional() else { throw .usage("conflicts resolve needs a conflict ID") }
        guard let id = Int64(idText), id > 0 else {
            throw .usage("conflict ids are positive numbers (see 'channelsync conflicts'), not '\(TextTable.printable(idText))'")
        }
        self.id = id
        switch (takeText, value) {
        case (nil, nil): throw .usage("give --take crm|prm or --value V")
        case (.some, .some): throw .usage("give --take or --value, not both")
        case let (text?, nil):
            guard let side = Side(rawValue: text.lowercased()) else {
                throw .usage("--take takes crm or prm, not '\(TextTable.printable(text))'")
            }
            take = side
        case (nil, .some):
            take = nil
        }
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = try DatabaseLocation.resolve(db: database.db, config: database.config, console: console)
        let state = try StateAccess.openForOps(location)
        let (conflict, seq) = try StateAccess.using(state, location) { state -> (ConflictRecord?, Int64) in
            guard let current = try state.conflict(id: id) else { throw StateError.conflictNotFound(id: id) }
            let resolution: ConflictResolution
            if let take {
                resolution = .take(take)
            } else {
                resolution = .value(try ResolutionValue.canonical(value ?? "", for: current))
            }
            let seq = try state.resolveConflict(id: id, resolution: resolution, by: OpsActor.current)
            return (try state.conflict(id: id), seq)
        }
        guard let conflict else { throw .failure("conflict \(id) vanished after it was resolved") }
        if json {
            console.out(JSONFields.line(.object(["conflict": conflict.json, "journalSeq": JSONFields.number(seq)])))
        } else {
            let chosen = switch conflict.resolution {
            case let .take(side)?: "take \(side.rawValue): \(CanonicalText.value(conflict.resolvedValue))"
            default: "value \(CanonicalText.value(conflict.resolvedValue))"
            }
            console.out("conflict \(id) resolved (\(chosen)); the next cycle of mapping '\(conflict.mapping)' applies it "
                + "(journal seq \(seq))")
        }
        return .success
    }
}
