/// Everything one reconcile call decided, as plain data: the caller journals
/// it, sends the writes, and applies the rest once the writes are applied.
public struct Plan: Sendable, Hashable, Codable {
    public var writes: [PlannedWrite]
    /// The shadow both sides will match once every write is applied; nil when
    /// it does not change. The store saves it only after the writes' outcomes.
    public var shadow: Shadow?
    /// Links to insert or update, in their new state (upsert by `Link.id`).
    /// Persisting an `active` link supersedes any `review` link of either record.
    public var links: [Link]
    /// Conflicts opened by this plan.
    public var conflicts: [Conflict]
    /// Fields whose open `.field` conflict this plan closes (resolved, or the
    /// sides agree again). An `.ambiguousLink` conflict closes when its link
    /// turns `active`.
    public var closedConflicts: [String]
    public var journal: [JournalEntry]

    public init(writes: [PlannedWrite] = [], shadow: Shadow? = nil, links: [Link] = [], conflicts: [Conflict] = [],
                closedConflicts: [String] = [], journal: [JournalEntry] = []) {
        self.writes = writes
        self.shadow = shadow
        self.links = links
        self.conflicts = conflicts
        self.closedConflicts = closedConflicts
        self.journal = journal
    }

    /// Nothing to write, store or journal.
    public var isEmpty: Bool {
        writes.isEmpty && shadow == nil && links.isEmpty && conflicts.isEmpty && closedConflicts.isEmpty && journal.isEmpty
    }
}
