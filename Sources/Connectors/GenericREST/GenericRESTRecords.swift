import SyncCore

/// Finds records, ids and modification times in a generic API's responses, as the
/// object's settings say.
struct GenericRESTRecords: Sendable {
    let settings: GenericRESTSettings

    /// The records at every configured path, in order. A path that is absent or null
    /// contributes nothing; when *none* is there the response is refused, because a wrong
    /// path must never read as an empty collection (a full scan would then report every
    /// record deleted).
    func list(_ body: JSONValue) throws(RecordProblem) -> [NativeRecord] {
        var elements: [JSONValue] = []
        var found = false
        for path in settings.list.records {
            guard let value = path.read(body), value != .null else { continue }
            guard case .array(let items) = value else {
                throw RecordProblem("'\(path)' is \(OptionReader.describe(value)), not a list of records")
            }
            found = true
            elements += items
        }
        guard found else {
            let paths = settings.list.records.map { "'\($0)'" }.joined(separator: ", ")
            throw RecordProblem("none of the record paths \(paths) is in the response (\(Self.outline(body))); check list.records")
        }
        var records: [NativeRecord] = []
        records.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            records.append(try record(element, at: "record \(index)"))
        }
        return records
    }

    /// One record object: its id and modification time read out.
    func record(_ value: JSONValue, at place: String) throws(RecordProblem) -> NativeRecord {
        guard case .object = value else {
            throw RecordProblem("\(place) is \(OptionReader.describe(value)), not an object")
        }
        guard let id = settings.record.id.read(value)?.scalarText, !id.isEmpty else {
            throw RecordProblem("\(place) has no id at '\(settings.record.id)'; check record.id")
        }
        return NativeRecord(id: id, modifiedAt: modifiedAt(value), fields: value)
    }

    /// Epoch milliseconds from the configured field, 0 when there is none or it cannot
    /// be read (full scans compare content, not times).
    func modifiedAt(_ record: JSONValue) -> Int64 {
        guard let path = settings.record.modified, let value = path.read(record) else { return 0 }
        switch settings.record.modifiedFormat {
        case .epochMillis?: return value.int64Value ?? 0
        case .epochSeconds?: return value.int64Value.map { $0 &* 1000 } ?? 0
        case .iso8601?: return value.stringValue.flatMap(ISO8601Instant.parse) ?? 0
        case nil:
            if case .string(let text) = value, let instant = ISO8601Instant.parse(text) { return instant }
            // Numbers below 10^11 are seconds (10^11 ms is 1973; 10^11 s is the year 5138).
            guard let number = value.int64Value else { return 0 }
            return number < 100_000_000_000 ? number &* 1000 : number
        }
    }

    /// `{"data": {…}, "meta": {…}}` → "its top-level keys: data, meta", for error messages.
    static func outline(_ body: JSONValue) -> String {
        switch body {
        case .object(let members):
            members.isEmpty ? "the body is an empty object" : "its top-level keys: " + members.keys.sorted().joined(separator: ", ")
        default:
            "the body is \(OptionReader.describe(body))"
        }
    }
}
