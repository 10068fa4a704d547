/// A scope filter with its field resolved to a slot.
struct CompiledScopeFilter: Sendable {
    let slot: Int
    let filter: ScopeFilter

    /// A record that does not supply the field (not read on its side) is not
    /// judged by this filter: a side cannot be out of scope for a field it lacks.
    func admits(_ values: FieldValues) -> Bool {
        guard let value = values.slots[slot] else { return true }
        switch filter.op {
        case .equals: return filter.values.first == value
        case .notEquals: return filter.values.first != value
        case .in: return filter.values.contains(value)
        case .notIn: return !filter.values.contains(value)
        case .present: return !value.isEmpty
        case .absent: return value.isEmpty
        }
    }
}
