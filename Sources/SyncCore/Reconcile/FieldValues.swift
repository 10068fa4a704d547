/// Canonical values of one record (or one side of a shadow), by field, in the
/// order of a mapping's fields. Positional storage keeps the reconciler's hot
/// path free of per-field hashing; the names travel with the values so a value
/// set outlives a mapping edit (it is re-aligned by name, see `aligned(to:)`).
/// A field with no value (`nil`) is one the side does not supply — not read on
/// that side, or unreadable — as opposed to `.null`, an empty value.
public struct FieldValues: Sendable {
    /// Field names, one per slot. Value sets built from one `CompiledMapping`
    /// share this array's storage, which makes the alignment check O(1).
    public private(set) var names: [String]
    var slots: [Value?]

    /// Values in the order of `names`; names not in `values` get no value,
    /// keys of `values` not in `names` are ignored.
    public init(names: [String], values: [String: Value]) {
        self.names = names
        slots = names.map { values[$0] }
    }

    init(names: [String], slots: [Value?]) {
        self.names = names
        self.slots = slots
    }

    /// Nothing for any field.
    public static func empty(names: [String]) -> FieldValues {
        FieldValues(names: names, slots: Array(repeating: nil, count: names.count))
    }

    /// The value of a field by name (linear search: for callers off the hot path).
    public subscript(name: String) -> Value? {
        get { names.firstIndex(of: name).flatMap { slots[$0] } }
        set {
            if let index = names.firstIndex(of: name) {
                slots[index] = newValue
            } else if let newValue {
                names.append(name)
                slots.append(newValue)
            }
        }
    }

    /// Every field that has a value.
    public var dictionary: [String: Value] {
        var result: [String: Value] = [:]
        result.reserveCapacity(names.count)
        for (name, value) in zip(names, slots) {
            if let value { result[name] = value }
        }
        return result
    }

    /// The same values laid out for `names` (a mapping's current fields): a field
    /// the set does not hold gets no value, a field no longer mapped is dropped.
    public func aligned(to names: [String]) -> FieldValues {
        if names == self.names { return FieldValues(names: names, slots: slots) }
        let values = dictionary
        return FieldValues(names: names, slots: names.map { values[$0] })
    }
}

extension FieldValues: Hashable {
    /// Equal when every field has the same value, whatever the slot order.
    public static func == (lhs: FieldValues, rhs: FieldValues) -> Bool {
        if lhs.names == rhs.names { return lhs.slots == rhs.slots }
        return lhs.dictionary == rhs.dictionary
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(dictionary)
    }
}
