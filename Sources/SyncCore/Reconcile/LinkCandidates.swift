/// Read-only lookup of records that could be the counterpart of an unlinked
/// record. The store implements it with indexed queries over the records it
/// has seen; tests with dictionaries.
///
/// Every method returns only *unlinked* records of the mapping: records in no
/// link, or only in a `review` link (still undecided), or whose links ended
/// (`unlinked`, `deleted`). Records in an `active` or `flagged` link are never
/// candidates. Records are returned with values (not just ids) because linking
/// merges the two records at once, with no shadow to start from.
public protocol LinkCandidates {
    /// The unlinked record on `side` with this id, if known.
    func record(on side: Side, id: String) -> CanonicalRecord?
    /// Unlinked records on `side` whose external-id field holds `externalId`
    /// (the id of a record on the other side).
    func records(on side: Side, externalId: String) -> [CanonicalRecord]
    /// Unlinked records on `side` whose values for `fields` equal `values`
    /// (same order; the reconciler only asks with non-empty values).
    func records(on side: Side, matchKey fields: [String], values: [Value]) -> [CanonicalRecord]
}

