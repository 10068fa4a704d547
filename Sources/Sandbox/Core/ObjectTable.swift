import Foundation
import SyncCore

/// The records of one object with the indexes every dialect pages through:
/// by (modification time, id) — all records and live ones — and by creation order.
/// Unique fields have a hash index so external-id look-ups and upserts do not scan.
struct ObjectTable: Sendable {
    var definition: ObjectDefinition
    private(set) var records: [String: SandboxRecord] = [:]
    /// Every record, soft-deleted ones included.
    private(set) var byModified = SortedBlocks<ModifiedKey>()
    /// Live records only; kept separately only for soft-deleting objects.
    private var liveByModifiedStorage = SortedBlocks<ModifiedKey>()
    /// Every record in creation order.
    private(set) var bySequence = SortedBlocks<SequenceKey>()
    /// field → normalized value → id, live records only.
    private var uniqueIndex: [String: [JSONValue: String]] = [:]
    private(set) var nextSequence: Int64 = 0
    /// The newest modification time any API response has shown for this object.
    var newestServed: Int64?
    /// Deletions before this time have been purged (Salesforce `earliestDateAvailable`).
    var deleteLogStart: Int64

    init(definition: ObjectDefinition, createdAt: Int64) {
        self.definition = definition
        deleteLogStart = createdAt
        for field in definition.uniqueFields { uniqueIndex[field] = [:] }
    }

    /// Live records by (modification time, id).
    var liveByModified: SortedBlocks<ModifiedKey> {
        definition.deleteMode == .soft ? liveByModifiedStorage : byModified
    }

    var liveCount: Int { liveByModified.count }

    subscript(id: String) -> SandboxRecord? { records[id] }

    mutating func allocateSequence() -> Int64 {
        defer { nextSequence += 1 }
        return nextSequence
    }

    /// Seeds with explicit ids must not collide with generated ones later.
    mutating func reserveSequence(through sequence: Int64) {
        nextSequence = max(nextSequence, sequence + 1)
    }

    // MARK: - Writing (callers have validated)

    mutating func insert(_ record: SandboxRecord) {
        records[record.id] = record
        index(record)
    }

    mutating func replace(_ record: SandboxRecord) {
        if let old = records[record.id] { unindex(old) }
        records[record.id] = record
        index(record)
    }

    @discardableResult
    mutating func removePhysically(id: String) -> SandboxRecord? {
        guard let old = records.removeValue(forKey: id) else { return nil }
        unindex(old)
        return old
    }

    private mutating func index(_ record: SandboxRecord) {
        byModified.insert(record.modifiedKey)
        bySequence.insert(record.sequenceKey)
        guard !record.isDeleted else { return }
        if definition.deleteMode == .soft { liveByModifiedStorage.insert(record.modifiedKey) }
        for field in definition.uniqueFields {
            if let key = record.value(at: field).flatMap(Self.uniqueKey) { uniqueIndex[field, default: [:]][key] = record.id }
        }
    }

    private mutating func unindex(_ record: SandboxRecord) {
        byModified.remove(record.modifiedKey)
        bySequence.remove(record.sequenceKey)
        guard !record.isDeleted else { return }
        if definition.deleteMode == .soft { liveByModifiedStorage.remove(record.modifiedKey) }
        for field in definition.uniqueFields {
            if let key = record.value(at: field).flatMap(Self.uniqueKey), uniqueIndex[field]?[key] == record.id {
                uniqueIndex[field]?[key] = nil
            }
        }
    }

    /// Copies shared storage now (after a checkpoint), so later writes do not each pay
    /// for a copy-on-write of the whole table.
    mutating func detachStorage() {
        records.reserveCapacity(records.count + 1)
        for field in Array(uniqueIndex.keys) {
            guard var index = uniqueIndex.removeValue(forKey: field) else { continue }
            index.reserveCapacity(index.count + 1)
            uniqueIndex[field] = index
        }
        byModified.detachStorage()
        liveByModifiedStorage.detachStorage()
        bySequence.detachStorage()
    }

    // MARK: - Unique fields

    /// Strings compare trimmed and case-insensitively; null and "" are not indexed.
    static func uniqueKey(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null: return nil
        case let .string(text):
            // Trim only when needed: Foundation's trimming is slow on the seeding path.
            let edges = text.first.map(\.isWhitespace) == true || text.last.map(\.isWhitespace) == true
            let trimmed = (edges ? text.trimmingCharacters(in: .whitespaces) : text).lowercased()
            return trimmed.isEmpty ? nil : .string(trimmed)
        case let .number(number): return .string(number.description)
        default: return value
        }
    }

    func isUnique(_ field: String) -> Bool { definition.uniqueFields.contains(field) }

    /// The live record whose unique `field` equals `value`.
    func lookup(field: String, value: JSONValue) -> SandboxRecord? {
        guard let key = Self.uniqueKey(value), let id = uniqueIndex[field]?[key] else { return nil }
        return records[id]
    }

    /// The first unique field of `fields` already taken by another live record.
    func uniqueConflict(in fields: [String: JSONValue], excluding id: String?) -> (field: String, existingID: String)? {
        for field in definition.uniqueFields {
            guard let value = SandboxRecord.valueAt(field, in: fields), let key = Self.uniqueKey(value),
                  let existing = uniqueIndex[field]?[key], existing != id else { continue }
            return (field, existing)
        }
        return nil
    }
}

extension SandboxRecord {
    static func valueAt(_ path: String, in fields: [String: JSONValue]) -> JSONValue? {
        if let direct = fields[path] { return direct }
        guard path.utf8.contains(UInt8(ascii: ".")), let fieldPath = FieldPath(path) else { return nil }
        return JSONValue.object(fields)[path: fieldPath]
    }
}
