import SyncCore

/// Everything one system's store holds, behind the store's lock. Dialects work on it
/// inside `SandboxStore.transaction` so a batch validates and commits atomically.
struct StoreState: Sendable {
    let system: String
    let clock: SandboxClock
    var tables: [String: ObjectTable] = [:]
    /// Lower-cased name → name, for APIs whose object names ignore case.
    var namesByLowercase: [String: String] = [:]
    /// The last modification time handed out; the next is at least one more.
    var lastStamp: Int64 = .min
    var requestCounts: [String: Int] = [:]
    var totalRequests = 0
    var faults = FaultPlan()
    /// Every write an API request committed (see `SandboxWrite`), oldest first.
    var writeLog: [SandboxWrite] = []

    init(system: String, clock: SandboxClock) {
        self.system = system
        self.clock = clock
    }

    /// A modification time: now, or 1 ms after the previous one if the clock stands still.
    mutating func stamp() -> Int64 {
        let now = clock.now()
        lastStamp = lastStamp == .min ? now : max(now, lastStamp + 1)
        return lastStamp
    }

    // MARK: - Objects

    mutating func define(_ definition: ObjectDefinition) {
        if var existing = tables[definition.name] {
            existing.definition = definition
            tables[definition.name] = existing
        } else {
            tables[definition.name] = ObjectTable(definition: definition, createdAt: clock.now())
        }
        namesByLowercase[definition.name.lowercased()] = definition.name
    }

    /// The defined name for `name`, matching case-insensitively.
    func objectName(_ name: String) -> String? {
        tables[name] != nil ? name : namesByLowercase[name.lowercased()]
    }

    func table(_ object: String) throws(SandboxError) -> ObjectTable {
        guard let table = tables[object] else { throw .unknownObject(system: system, object: object) }
        return table
    }

    /// Mutates a table in place. (Taking it out of the dictionary first keeps its storage
    /// uniquely referenced: a copy-on-write copy of a million-record table per write would
    /// make every write O(n).)
    mutating func withTable<Result>(_ object: String,
                                    _ body: (inout ObjectTable) throws(SandboxError) -> Result) throws(SandboxError) -> Result {
        guard var table = tables.removeValue(forKey: object) else { throw .unknownObject(system: system, object: object) }
        defer { tables[object] = table }
        return try body(&table)
    }

    // MARK: - Writes

    /// Creates a record. `enforceRequired` is false for seeds (data that already exists).
    ///
    /// (Validation reads the table in helpers whose copies end before `withTable` takes the
    /// table out: a copy alive during the write would force a copy-on-write of the table.)
    mutating func create(_ object: String, fields: [String: JSONValue], id explicitID: String? = nil,
                         createdAt: Int64? = nil, modifiedAt: Int64? = nil,
                         enforceRequired: Bool = true) throws(SandboxError) -> SandboxRecord {
        try checkCreate(object, fields: fields, id: explicitID, enforceRequired: enforceRequired)
        let modified: Int64
        if let modifiedAt {
            modified = modifiedAt
            lastStamp = max(lastStamp, modifiedAt)
        } else {
            modified = stamp()
        }
        let created = try withTable(object) { table in
            var sequence = table.allocateSequence()
            var id = explicitID ?? table.definition.makeID(sequence: sequence)
            // An explicitly seeded id may already hold a generated value; skip past it.
            while explicitID == nil, table[id] != nil {
                sequence = table.allocateSequence()
                id = table.definition.makeID(sequence: sequence)
            }
            let record = SandboxRecord(id: id, fields: fields, createdAt: createdAt ?? modified, modifiedAt: modified,
                                       sequence: sequence)
            table.insert(record)
            return record
        }
        logWrite(.create, object: object, id: created.id)
        return created
    }

    private func checkCreate(_ object: String, fields: [String: JSONValue], id explicitID: String?,
                             enforceRequired: Bool) throws(SandboxError) {
        guard let table = tables[object] else { throw .unknownObject(system: system, object: object) }
        try Self.checkSchema(table.definition, fields: fields)
        if enforceRequired {
            let missing = table.definition.requiredFields.filter { Self.isBlank(SandboxRecord.valueAt($0, in: fields)) }
            if !missing.isEmpty { throw .missingRequiredFields(object: object, fields: missing) }
        }
        if let conflict = table.uniqueConflict(in: fields, excluding: nil) {
            throw .uniqueViolation(object: object, field: conflict.field, existingID: conflict.existingID)
        }
        if let explicitID, table[explicitID] != nil { throw .duplicateID(object: object, id: explicitID) }
    }

    /// Changes fields of a live record and bumps its modification time. With `replacing`,
    /// fields not given are dropped (PUT semantics).
    mutating func update(_ object: String, id: String, changes: [String: JSONValue], replacing: Bool = false,
                         modifiedAt: Int64? = nil) throws(SandboxError) -> SandboxRecord {
        var record = try changed(object, id: id, changes: changes, replacing: replacing)
        record.modifiedAt = modifiedAt ?? stamp()
        let updated = record
        try withTable(object) { table in table.replace(updated) }
        logWrite(.update, object: object, id: id)
        return record
    }

    /// The record with `changes` applied, validated; not yet written.
    private func changed(_ object: String, id: String, changes: [String: JSONValue],
                         replacing: Bool) throws(SandboxError) -> SandboxRecord {
        guard let table = tables[object] else { throw .unknownObject(system: system, object: object) }
        guard var record = table[id], !record.isDeleted else { throw .recordNotFound(object: object, id: id) }
        try Self.checkSchema(table.definition, fields: changes)
        var fields = replacing ? [:] : record.fields
        for (key, value) in changes { fields[key] = value }
        if replacing {
            let missing = table.definition.requiredFields.filter { Self.isBlank(SandboxRecord.valueAt($0, in: fields)) }
            if !missing.isEmpty { throw .missingRequiredFields(object: object, fields: missing) }
        }
        if let conflict = table.uniqueConflict(in: fields, excluding: id) {
            throw .uniqueViolation(object: object, field: conflict.field, existingID: conflict.existingID)
        }
        record.fields = fields
        return record
    }

    /// Deletes as the object's delete mode says: soft (flag, bump modification time) or hard.
    mutating func delete(_ object: String, id: String) throws(SandboxError) -> SandboxRecord {
        guard let mode = tables[object]?.definition.deleteMode else { throw .unknownObject(system: system, object: object) }
        guard var record = tables[object]?[id], !record.isDeleted else { throw .recordNotFound(object: object, id: id) }
        switch mode {
        case .soft:
            let now = stamp()
            record.deletedAt = now
            record.modifiedAt = now
            let deleted = record
            try withTable(object) { table in table.replace(deleted) }
        case .hard:
            _ = try withTable(object) { table in table.removePhysically(id: id) }
        }
        logWrite(.delete, object: object, id: id)
        return record
    }

    /// Commits a record with a modification time older than the newest already served.
    mutating func lateCommit(_ commit: LateCommit) throws(SandboxError) -> SandboxRecord {
        guard let object = objectName(commit.object), let served = tables[object].map({ $0.newestServed }) else {
            throw .unknownObject(system: system, object: commit.object)
        }
        let newest = served ?? (lastStamp == .min ? clock.now() : lastStamp)
        let stampValue = newest - commit.lagMilliseconds
        if let id = commit.id {
            return try update(object, id: id, changes: commit.fields, modifiedAt: stampValue)
        }
        return try create(object, fields: commit.fields, createdAt: stampValue, modifiedAt: stampValue,
                          enforceRequired: false)
    }

    /// Physically removes soft-deleted records deleted before `before` and moves the start
    /// of the delete log there.
    mutating func purgeDeleteLog(_ object: String, before: Int64?) throws(SandboxError) {
        guard let name = objectName(object) else { throw .unknownObject(system: system, object: object) }
        let cutoff = before ?? clock.now()
        try withTable(name) { table in
            let purged = table.records.values.filter { ($0.deletedAt ?? .max) < cutoff }.map(\.id)
            for id in purged { table.removePhysically(id: id) }
            table.deleteLogStart = max(table.deleteLogStart, cutoff)
        }
    }

    /// Remembers the newest modification time a response has shown (for `.lateCommit`).
    mutating func noteServed(_ object: String, newest: Int64?) {
        guard let newest, let table = tables[object] else { return }
        let updated = max(table.newestServed ?? newest, newest)
        tables[object]?.newestServed = updated
    }

    // MARK: - Write log

    /// Logs a write when an API request is being served (user edits are not API writes).
    private mutating func logWrite(_ operation: SandboxWrite.Operation, object: String, id: String) {
        guard let request = ServedRequest.current else { return }
        writeLog.append(SandboxWrite(sequence: writeLog.count + 1, method: request.method, path: request.path,
                                     route: request.route, object: object, recordID: id, operation: operation,
                                     outcome: .applied, at: lastStamp == .min ? clock.now() : lastStamp))
    }

    /// The newest applied entries of the undone writes become `rolledBack`.
    private mutating func markRolledBack(_ undos: [Undo]) {
        var remaining = undos.map { "\($0.object)/\($0.id)" }
        var index = writeLog.count - 1
        while index >= 0, !remaining.isEmpty {
            let entry = writeLog[index]
            if entry.outcome == .applied, let position = remaining.lastIndex(of: "\(entry.object)/\(entry.recordID)") {
                writeLog[index].outcome = .rolledBack
                remaining.remove(at: position)
            }
            index -= 1
        }
    }

    // MARK: - Counting and faults

    mutating func countRequest(route: String) {
        requestCounts[route, default: 0] += 1
        totalRequests += 1
    }

    // MARK: - Validation

    /// Every field must be in the schema, except a nested object `X` beside a schema field
    /// `XId`: a related record as Salesforce relationship queries (`Account.Name`) read it.
    static func checkSchema(_ definition: ObjectDefinition, fields: [String: JSONValue]) throws(SandboxError) {
        guard let schema = definition.schema else { return }
        for (key, value) in fields where !schema.contains(key) {
            if case .object = value, schema.contains(key + "Id") { continue }
            throw .unknownField(object: definition.name, field: key)
        }
    }

    static func isBlank(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: return true
        case let .string(text)?: return text.isEmpty
        default: return false
        }
    }
}

extension StoreState {
    /// What a write replaced, so an all-or-none batch can put it back.
    struct Undo: Sendable {
        var object: String
        var id: String
        /// Nil when the write created the record.
        var previous: SandboxRecord?
    }

    /// Reverts writes, newest first. Stamps already handed out stay used.
    mutating func rollBack(_ undos: [Undo]) {
        markRolledBack(undos)
        for undo in undos.reversed() {
            _ = try? withTable(undo.object) { table in
                if let previous = undo.previous { table.replace(previous) } else { table.removePhysically(id: undo.id) }
            }
        }
    }
}
