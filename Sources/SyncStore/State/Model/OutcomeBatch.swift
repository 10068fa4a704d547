/// The outcomes of a batch of writes, committed in one transaction by
/// `SyncState.recordOutcomes` together with what follows from them: link upserts and
/// the shadows of pairs whose writes are now final.
public struct OutcomeBatch: Sendable, Hashable {
    public var outcomes: [OutcomeDraft]
    public var links: [LinkRecord]
    public var shadows: [ShadowRecord]

    public init(outcomes: [OutcomeDraft], links: [LinkRecord] = [], shadows: [ShadowRecord] = []) {
        self.outcomes = outcomes
        self.links = links
        self.shadows = shadows
    }
}
