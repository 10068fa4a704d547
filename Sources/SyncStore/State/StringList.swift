import SyncCore

/// A list of strings stored as a JSON array (conflict fields, candidate ids).
enum StringList {
    static func encode(_ list: [String]) -> String {
        JSONWriter.string(.array(list.map { .string($0) }))
    }

    /// Lenient: anything but an array of strings reads as empty rather than failing
    /// a whole query over one damaged cell.
    static func decode(_ text: String) -> [String] {
        guard case let .array(items)? = try? JSONParser().parse(text) else { return [] }
        return items.compactMap { if case let .string(value) = $0 { value } else { nil } }
    }
}
