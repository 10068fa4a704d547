/// What `SyncState.recordPlan` committed.
public struct PlanReceipt: Sendable, Hashable {
    /// One per `PlanBatch.intents` entry, in order.
    public var tickets: [IntentTicket]
    /// One per `PlanBatch.decisions` entry, in order.
    public var decisionSeqs: [Int64]
    /// Conflict ids, one per `PlanBatch.openedConflicts` entry (an already live
    /// conflict for the same link and field keeps its id and gets the new values).
    public var conflictIDs: [Int64]

    public init(tickets: [IntentTicket] = [], decisionSeqs: [Int64] = [], conflictIDs: [Int64] = []) {
        self.tickets = tickets
        self.decisionSeqs = decisionSeqs
        self.conflictIDs = conflictIDs
    }
}
