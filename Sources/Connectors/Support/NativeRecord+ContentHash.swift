import SyncCore

extension NativeRecord {
    /// SHA-256 of the record's fields as `JSONWriter` writes them (keys sorted, numbers in
    /// their decimal form), in lower-case hex. The same content always gives the same hash,
    /// whatever order the API sent the keys in, so the engine can tell a changed record from
    /// an unchanged one on APIs without a modification time (full scans).
    ///
    /// `ignoring` drops top-level fields that change without the record changing (a
    /// "last viewed" stamp, a computed score).
    public func contentHash(ignoring volatileFields: Set<String> = []) -> String {
        var hashed = fields
        if !volatileFields.isEmpty, case .object(var members) = hashed {
            for name in volatileFields { members[name] = nil }
            hashed = .object(members)
        }
        return SHA256.hex(JSONWriter.bytes(hashed))
    }
}
