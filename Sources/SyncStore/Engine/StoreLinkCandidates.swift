import SyncCore

/// The reconciler's candidate lookup, answered from the store's records index with
/// indexed queries (by id, by external id, by match key), only ever returning records
/// in no live link.
///
/// A side whose index holds no record when first asked answers nothing from then on
/// without a query (an initial sync into an empty system asked once per record, for
/// nothing): make one per reconcile, after the pulls, which are what adds records.
///
/// The protocol cannot throw; the first store error is kept in `failure` and every
/// later lookup answers nothing. The caller must check `failure` after reconciling
/// and discard the plans if it is set. Confined to the state's queue, like `SyncState`.
public final class StoreLinkCandidates: LinkCandidates {
    private let state: SyncState
    private let mapping: CompiledMapping
    public private(set) var failure: (any Error)?
    /// Per side, whether the index held a record when first asked.
    private var holdsRecords: [Side: Bool] = [:]

    public init(state: SyncState, mapping: CompiledMapping) {
        self.state = state
        self.mapping = mapping
    }

    public func record(on side: Side, id: String) -> CanonicalRecord? {
        answer(on: side) { try state.unlinkedRecord(mapping: mapping.name, side: side, id: id).map(canonical) } ?? nil
    }

    public func records(on side: Side, externalId: String) -> [CanonicalRecord] {
        answer(on: side) { try state.unlinkedRecords(mapping: mapping.name, side: side, externalID: externalId).map(canonical) } ?? []
    }

    public func records(on side: Side, matchKey fields: [String], values: [Value]) -> [CanonicalRecord] {
        answer(on: side) {
            try state.unlinkedRecords(mapping: mapping.name, side: side, matchKey: RecordSnapshot.matchKeyName(fields),
                                      value: RecordSnapshot.matchKeyValue(values)).map(canonical)
        } ?? []
    }

    private func canonical(_ snapshot: RecordSnapshot) throws -> CanonicalRecord {
        try snapshot.canonicalRecord(alignedTo: mapping.names)
    }

    private func answer<T>(on side: Side, _ body: () throws -> T) -> T? {
        guard failure == nil else { return nil }
        do {
            if holdsRecords[side] == nil { holdsRecords[side] = try state.holdsRecords(mapping: mapping.name, side: side) }
            guard holdsRecords[side] == true else { return nil }
            return try body()
        } catch {
            failure = error
            return nil
        }
    }
}

/// Confined to one queue, like the state it reads.
@available(*, unavailable)
extension StoreLinkCandidates: Sendable {}
