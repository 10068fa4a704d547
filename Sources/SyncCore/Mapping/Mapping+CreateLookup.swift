extension Mapping {
    /// Where a create on `side` whose answer was lost (a crash, a dropped connection) is
    /// found again when the side has no external-id field: the native path of the first
    /// match key of a single field that has a path on `side` and that the side's connector
    /// can filter `object` by (`canLookUp(object, field)`). Nil when the side has an
    /// external-id field (looked up by it) or no such key.
    ///
    /// The cycle asks its connector; `config check` asks what the remote's options allow,
    /// so both decide by this one rule.
    public func matchKeyLookupPath(_ side: Side, canLookUp: (_ object: String, _ field: String) -> Bool) -> FieldPath? {
        let binding = binding(side)
        guard binding.externalIdField == nil else { return nil }
        for key in matchKeys where key.count == 1 {
            guard let path = field(named: key[0])?.path(side) else { continue }
            if canLookUp(binding.object, path.description) { return path }
        }
        return nil
    }

    /// Whether a create on `side` whose answer was lost can be looked up (by the
    /// external-id field or a match key, see `matchKeyLookupPath`). When it cannot, the
    /// create is left OUTCOME_UNKNOWN for ops: it may have arrived, and resending could
    /// duplicate it.
    public func createsCanBeSettled(_ side: Side, canLookUp: (_ object: String, _ field: String) -> Bool) -> Bool {
        binding(side).externalIdField != nil || matchKeyLookupPath(side, canLookUp: canLookUp) != nil
    }
}
