/// Whole records: every field of a mapping at once, with per-field errors.
extension Mapping {
    /// One side's record in canonical form. A record with `errors` must not be
    /// synced as if complete: the reconciler reports it (per field) instead.
    public struct NormalizedRecord: Hashable, Sendable {
        /// Canonical values by field name, for every field read on that side.
        public var values: [String: Value]
        /// Fields that could not be read; their names are absent from `values`.
        public var errors: [FieldError]

        public init(values: [String: Value] = [:], errors: [FieldError] = []) {
            self.values = values
            self.errors = errors
        }

        public var isComplete: Bool { errors.isEmpty }
    }

    /// Reads every field that `side` supplies (path, constant or default) from a
    /// native record. An unmapped enum value without fallback is an error here,
    /// never a silently missing value.
    public func normalize(_ record: JSONValue, side: Side) -> NormalizedRecord {
        var result = NormalizedRecord()
        result.values.reserveCapacity(fields.count)
        for field in fields where field.isRead(on: side) {
            switch field.read(record, side: side) {
            case let .success(value): result.values[field.name] = value
            case let .failure(error): result.errors.append(error)
            }
        }
        return result
    }

    /// The native record body for `values` on `side`: each named field written at
    /// its path (nested objects created as needed). Names that are not fields, and
    /// fields without a path on `side`, are skipped; a field that cannot be written
    /// is reported and left out.
    public func nativeRecord(_ values: [String: Value], side: Side) -> (record: JSONValue, errors: [FieldError]) {
        var record = JSONValue.object(Dictionary(minimumCapacity: fields.count))
        var errors: [FieldError] = []
        for field in fields {
            guard let value = values[field.name], let path = field.path(side) else { continue }
            switch field.write(value, side: side) {
            case let .success(native): record.set(native, at: path.components[...])
            case let .failure(error): errors.append(error)
            }
        }
        return (record, errors)
    }
}

extension JSONValue {
    /// Sets `value` at a key path, replacing non-objects on the way with objects.
    mutating func set(_ value: JSONValue, at path: ArraySlice<String>) {
        guard let key = path.first else {
            self = value
            return
        }
        // The members are moved out of `self`, and the child out of them, so that setting
        // a key changes them in place (a copy of each object per key set, before).
        var members: [String: JSONValue] = [:]
        if case let .object(existing) = self { members = existing }
        self = .null
        var child = members.removeValue(forKey: key) ?? .object([:])
        child.set(value, at: path.dropFirst())
        members[key] = child
        self = .object(members)
    }
}
