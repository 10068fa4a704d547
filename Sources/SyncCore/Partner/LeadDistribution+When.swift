extension LeadDistribution {
    /// Whether a CRM lead's values meet every `when` filter (the scope filters' rules:
    /// a field the record does not supply is not judged).
    public func takes(_ values: FieldValues) -> Bool {
        when.allSatisfy { filter in
            CompiledScopeFilter(slot: 0, filter: filter).admits(FieldValues(names: [filter.field], slots: [values[filter.field]]))
        }
    }

    /// Whether a lead's partner field holds no partner.
    public func isUnassigned(_ values: FieldValues) -> Bool {
        values[partnerField]?.isEmpty ?? true
    }
}
