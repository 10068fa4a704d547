/// One write an API request committed to a store, as the store's write log keeps it:
/// which request (method, path, route) changed which record, and how. Writes made by
/// "users" (`seed`, `edit`, `delete` on the store, faults) are not API writes and are
/// not logged, so the log is exactly what a client such as the daemon did to the
/// system — what a crash soak compares with the daemon's journal.
public struct SandboxWrite: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable {
        case create, update, delete
    }

    /// What became of the write: committed, or undone by an all-or-none batch that
    /// failed elsewhere (the record is as it was before).
    public enum Outcome: String, Sendable, Hashable {
        case applied, rolledBack
    }

    /// 1, 2, … per store, in commit order.
    public var sequence: Int
    public var method: String
    /// The request path without the query, still percent-encoded.
    public var path: String
    /// The route name the request was counted under (`salesforce.composite.upsert`).
    public var route: String
    public var object: String
    public var recordID: String
    public var operation: Operation
    public var outcome: Outcome
    /// The store clock's time of the commit (epoch ms).
    public var at: Int64
}
