import Synchronization
import SyncCore

/// The data of one sandboxed system (one Salesforce org, one HubSpot portal, …): its
/// objects and records, its request counters and its queued faults. Thread-safe: every
/// call takes one lock, and dialects run a whole request's reads or a whole batch's
/// writes in one `transaction`.
public final class SandboxStore: Sendable {
    /// `salesforce`, `hubspot`, … — the prefix of every route name counted here.
    public let system: String
    public let clock: SandboxClock
    private let state: Mutex<StoreState>

    public init(system: String, clock: SandboxClock, objects: [ObjectDefinition] = []) {
        self.system = system
        self.clock = clock
        var initial = StoreState(system: system, clock: clock)
        for object in objects { initial.define(object) }
        state = Mutex(initial)
    }

    /// Runs `body` under the lock: reads are consistent and writes are atomic.
    func transaction<Result: Sendable, Failure: Error>(
        _ body: (inout StoreState) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try state.withLock { (state: inout StoreState) throws(Failure) -> Result in try body(&state) }
    }

    // MARK: - Objects

    /// Adds an object, or changes the definition of an existing one (its records stay).
    public func define(_ definition: ObjectDefinition) {
        transaction { $0.define(definition) }
    }

    public var objectNames: [String] {
        transaction { $0.tables.keys.sorted() }
    }

    public func definition(of object: String) -> ObjectDefinition? {
        transaction { state in state.objectName(object).flatMap { state.tables[$0]?.definition } }
    }

    // MARK: - Data as users of the system see it

    /// Puts a record in as if it had always been there: required fields are not enforced,
    /// unique fields and the schema are. Without `modifiedAt` it gets the next stamp.
    @discardableResult
    public func seed(_ object: String, fields: [String: JSONValue], id: String? = nil,
                     createdAt: Int64? = nil, modifiedAt: Int64? = nil) throws(SandboxError) -> SandboxRecord {
        try transaction { (state: inout StoreState) throws(SandboxError) -> SandboxRecord in
            let name = try Self.resolve(object, in: state)
            return try state.create(name, fields: fields, id: id, createdAt: createdAt, modifiedAt: modifiedAt,
                                    enforceRequired: false)
        }
    }

    /// Seeds many records under one lock (fast for benchmark-sized data sets).
    @discardableResult
    public func seed(_ object: String, records: [[String: JSONValue]]) throws(SandboxError) -> [SandboxRecord] {
        try transaction { (state: inout StoreState) throws(SandboxError) -> [SandboxRecord] in
            let name = try Self.resolve(object, in: state)
            var created: [SandboxRecord] = []
            created.reserveCapacity(records.count)
            for fields in records {
                created.append(try state.create(name, fields: fields, enforceRequired: false))
            }
            return created
        }
    }

    /// A user edits the record in the system's UI: fields change (a `.null` clears one)
    /// and the modification time moves to the next stamp.
    @discardableResult
    public func edit(_ object: String, id: String, set changes: [String: JSONValue]) throws(SandboxError) -> SandboxRecord {
        try transaction { (state: inout StoreState) throws(SandboxError) -> SandboxRecord in
            try state.update(try Self.resolve(object, in: state), id: id, changes: changes)
        }
    }

    /// A user deletes the record: soft (recycle bin / archive) or hard, as the object does.
    @discardableResult
    public func delete(_ object: String, id: String) throws(SandboxError) -> SandboxRecord {
        try transaction { (state: inout StoreState) throws(SandboxError) -> SandboxRecord in
            try state.delete(try Self.resolve(object, in: state), id: id)
        }
    }

    /// The record as stored (soft-deleted ones included), or nil.
    public func record(_ object: String, id: String) -> SandboxRecord? {
        transaction { state in state.objectName(object).flatMap { state.tables[$0]?[id] } }
    }

    /// The live record whose unique `field` has `value`.
    public func record(_ object: String, uniqueField field: String, value: JSONValue) -> SandboxRecord? {
        transaction { state in state.objectName(object).flatMap { state.tables[$0]?.lookup(field: field, value: value) } }
    }

    /// Every record in (modification time, id) order.
    public func records(_ object: String, includeDeleted: Bool = false) -> [SandboxRecord] {
        transaction { state in
            guard let name = state.objectName(object), let table = state.tables[name] else { return [] }
            let index = includeDeleted ? table.byModified : table.liveByModified
            return table.scan(index, from: index.startPosition, limit: .max, includeDeleted: includeDeleted).records
        }
    }

    public func count(_ object: String, includeDeleted: Bool = false) -> Int {
        transaction { state in
            guard let name = state.objectName(object), let table = state.tables[name] else { return 0 }
            return includeDeleted ? table.byModified.count : table.liveCount
        }
    }

    /// The newest modification time an API response has shown for `object`.
    public func newestServed(_ object: String) -> Int64? {
        transaction { state in state.objectName(object).flatMap { state.tables[$0]?.newestServed } }
    }

    /// The last modification time handed out by this store.
    public var lastStamp: Int64? {
        transaction { $0.lastStamp == .min ? nil : $0.lastStamp }
    }

    /// Deletions before this time are gone from the delete log.
    public func deleteLogStart(_ object: String) -> Int64? {
        transaction { state in state.objectName(object).flatMap { state.tables[$0]?.deleteLogStart } }
    }

    public func purgeDeleteLog(_ object: String, before: Int64? = nil) throws(SandboxError) {
        try transaction { (state: inout StoreState) throws(SandboxError) in try state.purgeDeleteLog(object, before: before) }
    }

    /// Removes every record of every object (definitions stay).
    public func removeAllRecords() {
        transaction { state in
            for (name, table) in state.tables {
                state.tables[name] = ObjectTable(definition: table.definition, createdAt: state.clock.now())
            }
        }
    }

    // MARK: - Faults

    /// Queues `fault` for the next `times` requests whose route matches `route` (a route
    /// name such as `hubspot.search`, a prefix ending in `*`, or `*`).
    public func inject(_ fault: SandboxFault, route: String, times: Int = 1) {
        transaction { $0.faults.add(fault, route: route, times: times) }
    }

    /// Faults still waiting: (route pattern, fault, uses left).
    public var pendingFaults: [(route: String, fault: SandboxFault, remaining: Int)] {
        transaction { state in state.faults.entries.map { ($0.route, $0.fault, $0.remaining) } }
    }

    public func clearFaults() {
        transaction { $0.faults.removeAll() }
    }

    // MARK: - Counters

    /// Requests served on `route` (e.g. `salesforce.query`) since the last reset.
    public func count(route: String) -> Int {
        transaction { $0.requestCounts[route] ?? 0 }
    }

    public var totalRequests: Int {
        transaction { $0.totalRequests }
    }

    /// Route name → requests.
    public var requestCounts: [String: Int] {
        transaction { $0.requestCounts }
    }

    /// Every write an API request committed to this store, oldest first (user edits
    /// through `seed`/`edit`/`delete` are not in it). Survives `resetCounters`.
    public var writeLog: [SandboxWrite] {
        transaction { $0.writeLog }
    }

    /// How many entries `writeLog` holds: moves the moment a request's write commits.
    public var writeCount: Int {
        transaction { $0.writeLog.count }
    }

    public func resetCounters() {
        transaction { state in
            state.requestCounts = [:]
            state.totalRequests = 0
        }
    }

    // MARK: - Helpers

    static func resolve(_ object: String, in state: StoreState) throws(SandboxError) -> String {
        guard let name = state.objectName(object) else { throw .unknownObject(system: state.system, object: object) }
        return name
    }
}
