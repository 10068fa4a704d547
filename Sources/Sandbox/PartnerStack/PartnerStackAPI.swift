import SyncCore

/// A PartnerStack-style API: `/api/v2/{partnerships|customers|deals|leads}` with bearer
/// keys, cursor paging by item key (`starting_after` / `ending_before`, `limit` 1–250,
/// `has_more`), `min_updated`/`max_updated`/`min_created`/`max_created` filters (epoch ms,
/// inclusive), `order_by` (`created_at`, `-created_at` (default), `updated_at`,
/// `-updated_at`), timestamps in epoch ms, and the envelope
/// `{data: {has_more, items}, message, status}`; errors are `{message, status}`.
/// Deletes are hard.
///
/// Routes: `partnerstack.list`, `partnerstack.create`, `partnerstack.read`,
/// `partnerstack.update`, `partnerstack.delete`.
public final class PartnerStackAPI: DialectPipeline {
    public let system = SandboxSystem.partnerstack
    public let store: SandboxStore
    public let configuration: PartnerStackConfiguration

    public init(configuration: PartnerStackConfiguration = PartnerStackConfiguration(), clock: SandboxClock) {
        self.configuration = configuration
        store = SandboxStore(system: SandboxSystem.partnerstack.rawValue, clock: clock,
                             objects: configuration.objects.map(\.definition))
    }

    public func handle(_ request: HTTPServerRequest) -> SandboxResponse {
        serve(request)
    }

    let routes: [DialectRoute<PartnerStackAPI>] = [
        DialectRoute("GET", "/api/v2/:object", "partnerstack.list") { $0.list($1) },
        DialectRoute("POST", "/api/v2/:object", "partnerstack.create") { $0.create($1) },
        DialectRoute("GET", "/api/v2/:object/:key", "partnerstack.read") { $0.read($1) },
        DialectRoute("PATCH", "/api/v2/:object/:key", "partnerstack.update") { $0.update($1) },
        DialectRoute("DELETE", "/api/v2/:object/:key", "partnerstack.delete") { $0.delete($1) },
    ]

    // MARK: - Pipeline

    static func error(_ status: Int, _ message: String) -> SandboxResponse {
        .json(status, .object(["message": .string(message), "status": .int(status)]))
    }

    static func success(_ data: JSONValue, message: String) -> SandboxResponse {
        .json(200, .object(["data": data, "message": .string(message), "status": .int(200)]))
    }

    func failure(_ failure: PipelineFailure, request: HTTPServerRequest) -> SandboxResponse {
        switch failure {
        case .notFound: return Self.error(404, "Not found")
        case .methodNotAllowed: return Self.error(405, "Method not allowed")
        case let .faultNotApplied(message): return Self.error(500, message)
        case let .injected(status):
            switch status {
            case 401: return Self.error(401, "Unauthorized")
            case 429: return Self.error(429, "Rate limit exceeded")
            case 500...: return Self.error(status, "Internal server error")
            default: return Self.error(status, "Injected failure \(status)")
            }
        }
    }

    func authenticate(_ context: RequestContext) -> SandboxResponse? {
        guard let key = context.request.credential(schemes: ["Bearer"]), configuration.apiKeys.contains(key) else {
            return Self.error(401, "Unauthorized")
        }
        return nil
    }

    func expireTokens(_ context: RequestContext) -> SandboxResponse? {
        Self.error(401, "Unauthorized")
    }

    // MARK: - Handlers

    private func object(_ context: RequestContext) throws(Refusal) -> ObjectDefinition {
        guard let definition = store.definition(of: context.parameter("object")) else {
            throw Refusal(Self.error(404, "Not found"))
        }
        return definition
    }

    static func render(_ record: SandboxRecord) -> JSONValue {
        var out = record.fields
        out["key"] = .string(record.id)
        out["created_at"] = .int(record.createdAt)
        out["updated_at"] = .int(record.modifiedAt)
        return .object(out)
    }

    private static func singular(_ object: String) -> String {
        let name = object.hasSuffix("s") ? String(object.dropLast()) : object
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    func list(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        let definition: ObjectDefinition
        do {
            definition = try object(context)
        } catch {
            return error.response
        }
        guard let limit = Int(request.queryValue("limit") ?? String(configuration.defaultLimit)),
              (1...configuration.pageLimit).contains(limit) else {
            return Self.error(400, "limit must be an integer between 1 and \(configuration.pageLimit)")
        }
        var bounds: [String: Int64] = [:]
        for name in ["min_updated", "max_updated", "min_created", "max_created"] {
            guard let text = request.queryValue(name) else { continue }
            guard let value = Int64(text) else { return Self.error(400, "\(name) must be a timestamp in epoch milliseconds") }
            bounds[name] = value
        }
        let orderBy = request.queryValue("order_by") ?? "-created_at"
        guard ["created_at", "-created_at", "updated_at", "-updated_at"].contains(orderBy) else {
            return Self.error(400, "order_by must be one of created_at, -created_at, updated_at, -updated_at")
        }
        let after = request.queryValue("starting_after")
        let before = request.queryValue("ending_before")
        if after != nil, before != nil {
            return Self.error(400, "starting_after and ending_before are mutually exclusive")
        }
        let matches: (SandboxRecord) -> Bool = { record in
            record.modifiedAt >= (bounds["min_updated"] ?? .min) && record.modifiedAt <= (bounds["max_updated"] ?? .max)
                && record.createdAt >= (bounds["min_created"] ?? .min) && record.createdAt <= (bounds["max_created"] ?? .max)
        }
        let result = store.transaction { state -> Result<ScanResult, Refusal> in
            guard let table = state.tables[definition.name] else { return .success(ScanResult(items: [], hasMore: false)) }
            let outcome: Result<ScanResult, Refusal>
            if orderBy.hasSuffix("updated_at") {
                outcome = Self.page(table, index: table.byModified, key: \.modifiedKey, descending: orderBy.hasPrefix("-"),
                                    after: after, before: before, limit: limit, matches: matches)
            } else {
                outcome = Self.page(table, index: table.bySequence, key: \.sequenceKey, descending: orderBy.hasPrefix("-"),
                                    after: after, before: before, limit: limit, matches: matches)
            }
            if case let .success(page) = outcome { state.noteServed(definition.name, newest: page.items.map(\.modifiedAt).max()) }
            return outcome
        }
        switch result {
        case let .success(page):
            return Self.success(.object(["has_more": .bool(page.hasMore), "items": .array(page.items.map(Self.render))]),
                                message: "Page returned successfully")
        case let .failure(refusal):
            return refusal.response
        }
    }

    struct ScanResult {
        var items: [SandboxRecord]
        var hasMore: Bool
    }

    /// Items after (or before) the cursor item's current place in the order. A cursor item
    /// that has since moved (edited, under `updated_at`) or vanished moves the cursor with
    /// it — the hazard of key cursors on real APIs.
    static func page<Key: RecordIndexKey>(_ table: ObjectTable, index: SortedBlocks<Key>, key: (SandboxRecord) -> Key,
                                                  descending: Bool, after: String?, before: String?, limit: Int,
                                                  matches: @escaping (SandboxRecord) -> Bool) -> Result<ScanResult, Refusal> {
        if let before {
            guard let cursor = table[before] else { return .failure(Refusal(error(400, "ending_before: no item with key \(before)"))) }
            // Walk against the order from the cursor, then flip the page back.
            let position = index.lowerBound(key(cursor))
            let start = descending ? index.position(after: position) : index.position(before: position)
            guard let start, start.block < index.blocks.count else { return .success(ScanResult(items: [], hasMore: false)) }
            let page = table.scan(index, from: start, descending: !descending, limit: limit, includeDeleted: false,
                                  where: matches)
            return .success(ScanResult(items: page.records.reversed(), hasMore: page.hasMore))
        }
        var start: SortedBlocks<Key>.Position?
        if let after {
            guard let cursor = table[after] else { return .failure(Refusal(error(400, "starting_after: no item with key \(after)"))) }
            let position = index.lowerBound(key(cursor))
            start = descending ? index.position(before: position) : index.position(after: position)
        } else {
            start = descending ? index.position(before: index.endPosition) : index.startPosition
        }
        guard let start, start.block < index.blocks.count else { return .success(ScanResult(items: [], hasMore: false)) }
        let page = table.scan(index, from: start, descending: descending, limit: limit, includeDeleted: false,
                              where: matches)
        return .success(ScanResult(items: page.records, hasMore: page.hasMore))
    }

    func read(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try object(context)
            let key = context.parameter("key")
            guard let record = store.transaction({ state -> SandboxRecord? in
                let found = state.tables[definition.name]?[key]
                state.noteServed(definition.name, newest: found?.modifiedAt)
                return found
            }) else {
                return Self.error(404, "\(Self.singular(definition.name)) not found")
            }
            return Self.success(Self.render(record), message: "\(Self.singular(definition.name)) returned successfully")
        } catch {
            return error.response
        }
    }

    func create(_ context: RequestContext) -> SandboxResponse {
        write(context, key: nil, verb: "created") { state, definition, fields throws(SandboxError) in
            try state.create(definition.name, fields: fields)
        }
    }

    func update(_ context: RequestContext) -> SandboxResponse {
        let key = context.parameter("key")
        return write(context, key: key, verb: "updated") { state, definition, fields throws(SandboxError) in
            try state.update(definition.name, id: key, changes: fields)
        }
    }

    func delete(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try object(context)
            let key = context.parameter("key")
            if context.batchFailure?.selects(key: key, position: 0) == true {
                return Self.error(400, "Could not delete \(key) (injected failure)")
            }
            do {
                try store.transaction { (state: inout StoreState) throws(SandboxError) in _ = try state.delete(definition.name, id: key) }
            } catch {
                return Self.error(404, "\(Self.singular(definition.name)) not found")
            }
            return Self.success(.null, message: "\(Self.singular(definition.name)) deleted")
        } catch {
            return error.response
        }
    }

    private func write(_ context: RequestContext, key: String?, verb: String,
                       _ apply: (inout StoreState, ObjectDefinition, [String: JSONValue]) throws(SandboxError) -> SandboxRecord)
        -> SandboxResponse {
        let definition: ObjectDefinition
        do {
            definition = try object(context)
        } catch {
            return error.response
        }
        let noun = Self.singular(definition.name)
        guard let body = try? JSONParser().parse(context.request.body), let fields = body.asObject else {
            return Self.error(400, "Request body must be a JSON object")
        }
        if let reserved = ["key", "created_at", "updated_at"].first(where: { fields[$0] != nil }) {
            return Self.error(400, "\(reserved) cannot be set")
        }
        if context.batchFailure?.selects(key: key, position: 0) == true {
            return Self.error(400, "\(noun) could not be \(verb) (injected failure)")
        }
        do {
            let record = try store.transaction { (state: inout StoreState) throws(SandboxError) -> SandboxRecord in
                try apply(&state, definition, fields)
            }
            return Self.success(Self.render(record), message: "\(noun) \(verb)")
        } catch {
            switch error {
            case let .uniqueViolation(_, field, _):
                return Self.error(409, "A \(noun.lowercased()) with this \(field) already exists")
            case let .missingRequiredFields(_, fields):
                return Self.error(400, "Missing required fields: \(fields.joined(separator: ", "))")
            case .recordNotFound:
                return Self.error(404, "\(noun) not found")
            default:
                return Self.error(400, error.description)
            }
        }
    }
}
