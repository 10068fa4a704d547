/// For callers that only reconcile linked pairs: no candidates, ever.
public struct NoLinkCandidates: LinkCandidates {
    public init() {}
    public func record(on side: Side, id: String) -> CanonicalRecord? { nil }
    public func records(on side: Side, externalId: String) -> [CanonicalRecord] { [] }
    public func records(on side: Side, matchKey fields: [String], values: [Value]) -> [CanonicalRecord] { [] }
}
