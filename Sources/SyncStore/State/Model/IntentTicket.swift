/// What `recordPlan` hands back for each intent: the write's id, which the caller
/// uses as the connector's correlation key and passes back with the outcome.
public struct IntentTicket: Sendable, Hashable {
    public let writeID: Int64
    /// The journal seqs of the intent rows, ascending.
    public let seqs: [Int64]

    public init(writeID: Int64, seqs: [Int64]) {
        self.writeID = writeID
        self.seqs = seqs
    }
}
