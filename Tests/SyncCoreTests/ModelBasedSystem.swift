@testable import SyncCore

/// One simulated remote (CRM or PRM): records with a modification time, a
/// change feed (ids touched since the last pull) and a delete feed.
struct ModelBasedSystem {
    struct Record {
        var values: [String: Value]
        var modifiedAt: Int64
        var externalId: String?
    }

    let side: Side
    var records: [String: Record] = [:]
    private var touched: Set<String> = []
    private var deletedAt: [String: Int64] = [:]
    private var nextNumber = 1

    init(side: Side) { self.side = side }

    /// `7` → `"007"`: ids sort in creation order.
    static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }

    /// Ids in creation order (ids are zero-padded).
    var ids: [String] { records.keys.sorted() }

    mutating func create(values: [String: Value], externalId: String?, at time: Int64) -> String {
        let id = (side == .crm ? "C" : "P") + ModelBasedSystem.padded(nextNumber)
        nextNumber += 1
        records[id] = Record(values: values, modifiedAt: time, externalId: externalId)
        touched.insert(id)
        return id
    }

    /// Sets fields; the modification time only moves forward.
    mutating func update(_ id: String, _ values: [String: Value], externalId: String?, at time: Int64) {
        guard var record = records[id] else { return }
        record.values.merge(values) { $1 }
        if let externalId { record.externalId = externalId }
        record.modifiedAt = max(record.modifiedAt + 1, time)
        records[id] = record
        touched.insert(id)
    }

    mutating func delete(_ id: String, at time: Int64) {
        guard records.removeValue(forKey: id) != nil else { return }
        deletedAt[id] = time
        touched.insert(id)
    }

    /// Everything changed since the last pull, in id order, and forgets it.
    mutating func pull(_ compiled: CompiledMapping) -> [RecordChange] {
        let changes = touched.sorted().map { id -> RecordChange in
            if let record = records[id] { return .upserted(canonical(id, record, compiled)) }
            return .deleted(id: id, at: deletedAt[id] ?? 0)
        }
        touched.removeAll()
        return changes
    }

    func canonical(_ id: String, _ record: Record, _ compiled: CompiledMapping) -> CanonicalRecord {
        compiled.record(side: side, id: id, modifiedAt: record.modifiedAt, externalId: record.externalId, values: record.values)
    }
}
