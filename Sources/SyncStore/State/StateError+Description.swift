extension StateError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .pendingIntents(mapping, count):
            "mapping '\(mapping)' has \(count) write\(count == 1 ? "" : "s") without an outcome; "
                + "its cursor advances only once every intent is final"
        case let .writeNotPending(writeID):
            "write \(writeID) has no pending intent (unknown, or its outcome is already recorded)"
        case let .invalidDraft(reason):
            "cannot journal this batch: \(reason)"
        case let .conflictNotFound(id):
            "no conflict with id \(id)"
        case let .conflictNotOpen(id, state):
            "conflict \(id) is \(state), not open"
        case let .resolutionNotApplicable(id, reason):
            "conflict \(id): \(reason)"
        case let .failureNotFound(id):
            "no failure with id \(id)"
        case let .failureNotDead(id, state):
            "failure \(id) is \(state == "requeued" || state == "retry" ? "already queued for a resend" : state) "
                + "(state '\(state)'); only dead letters are requeued"
        case let .cycleNotRunning(id):
            "cycle \(id) is not running"
        case let .unreadableRow(table, column, found):
            "\(table).\(column) holds '\(found)', which this build does not know; "
                + "the database may have been written by a newer ChannelSync"
        case let .schemaMismatch(path, databaseVersion, buildVersion):
            databaseVersion < buildVersion
                ? "\(path) has schema version \(databaseVersion), this build reads \(buildVersion); "
                    + "start the daemon of this version once (it migrates the file), or use the matching channelsync"
                : "\(path) has schema version \(databaseVersion), newer than this build's \(buildVersion); "
                    + "use the channelsync that wrote it"
        case let .invalidCutoff(reason):
            "invalid prune cutoff: \(reason)"
        }
    }
}
