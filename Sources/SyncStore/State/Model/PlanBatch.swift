/// Everything decided before the remote writes, committed in one transaction by
/// `SyncState.recordPlan`: intents (one per write), decisions with their final
/// status, link upserts, conflicts opened and closed, and shadows of pairs that need
/// no write. Several reconcile plans may be merged into one batch (a page).
public struct PlanBatch: Sendable, Hashable {
    public var intents: [IntentDraft]
    public var decisions: [DecisionDraft]
    /// Upserts by link id. Persisting an `active` link turns any `review` link of
    /// either of its records into `unlinked`.
    public var links: [LinkRecord]
    public var openedConflicts: [ConflictDraft]
    public var closedConflicts: [ConflictKey]
    /// Shadows to save now (pairs whose plan needs no write).
    public var shadows: [ShadowRecord]
    /// Lead-distribution state decided with these intents (routes, round-robin counters),
    /// committed in the same transaction so a routing write and its route never part.
    public var leadRouting = LeadRoutingBatch()
    /// Failures (ids) whose resend these plans replace: closed with them, so a failed
    /// write is never both merged and resent, nor dropped without its replacement.
    public var supersededFailures: [Int64] = []

    public init(intents: [IntentDraft] = [], decisions: [DecisionDraft] = [], links: [LinkRecord] = [],
                openedConflicts: [ConflictDraft] = [], closedConflicts: [ConflictKey] = [], shadows: [ShadowRecord] = []) {
        self.intents = intents
        self.decisions = decisions
        self.links = links
        self.openedConflicts = openedConflicts
        self.closedConflicts = closedConflicts
        self.shadows = shadows
    }

    public var isEmpty: Bool {
        intents.isEmpty && decisions.isEmpty && links.isEmpty && openedConflicts.isEmpty
            && closedConflicts.isEmpty && shadows.isEmpty && leadRouting.isEmpty && supersededFailures.isEmpty
    }
}
