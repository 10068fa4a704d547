extension FieldChange {
    /// `[{"after":{"number":"3"},"before":null,"field":"amount"},…]`: field changes as
    /// `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) writes `[FieldChange]` (a
    /// side without a value left out), straight to bytes like `FieldValues.storedText`.
    /// Every journal row with changes carries one; building it as a `JSONValue` tree was
    /// 9% of an initial sync's cycle thread.
    public static func storedText(_ changes: [FieldChange]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(72 * changes.count + 2)
        for (offset, change) in changes.enumerated() {
            if offset > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "{"))
            if let after = change.after {
                out.append(contentsOf: #""after":"#.utf8)
                after.writeStored(into: &out)
                out.append(UInt8(ascii: ","))
            }
            if let before = change.before {
                out.append(contentsOf: #""before":"#.utf8)
                before.writeStored(into: &out)
                out.append(UInt8(ascii: ","))
            }
            out.append(contentsOf: #""field":"#.utf8)
            StoredText.string(change.field, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }
}
