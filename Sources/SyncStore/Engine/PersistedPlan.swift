import SyncCore

/// A reconciler plan after `SyncState.recordPlans`: the ids of its writes (in
/// `plan.writes` order; the connector's correlation keys) and the shadow to save once
/// they are all applied.
public struct PersistedPlan: Sendable, Hashable {
    public let plan: Plan
    /// One per `plan.writes`.
    public let writeIDs: [Int64]
    /// The plan's shadow when it waits for writes; nil when there is none or it was
    /// saved at once (a plan without writes).
    public let deferredShadow: ShadowRecord?

    public init(plan: Plan, writeIDs: [Int64], deferredShadow: ShadowRecord?) {
        self.plan = plan
        self.writeIDs = writeIDs
        self.deferredShadow = deferredShadow
    }

    /// The shadow to put in the `OutcomeBatch` once every write of this plan has an
    /// outcome: only when all of them were applied (otherwise the next cycle plans
    /// again from the old shadow).
    public func shadow(afterOutcomes outcomes: [Int64: JournalRow.Status]) -> ShadowRecord? {
        guard let deferredShadow, writeIDs.allSatisfy({ outcomes[$0] == .applied }) else { return nil }
        return deferredShadow
    }
}
