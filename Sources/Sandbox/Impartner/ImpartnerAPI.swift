import SyncCore

/// An Impartner-style PRM object API: `GET /prm/api/objects/v1/{Object}` with `fields`,
/// `filter`, `orderby`, `take` (≤ 500) and `skip`, answering
/// `{success, data: {count, entity, results}}`; create by `POST`, update by `PATCH
/// /{Object}/{id}`, hard delete by `DELETE`. Auth: `Authorization: prm-key <key>` (or
/// `Bearer <key>`); failures are 401. Records carry `id` (a number), `created` and `updated`.
///
/// Routes: `impartner.list`, `impartner.create`, `impartner.read`, `impartner.update`, `impartner.delete`.
public final class ImpartnerAPI: DialectPipeline {
    public let system = SandboxSystem.impartner
    public let store: SandboxStore
    public let configuration: ImpartnerConfiguration

    public init(configuration: ImpartnerConfiguration = ImpartnerConfiguration(), clock: SandboxClock) {
        self.configuration = configuration
        store = SandboxStore(system: SandboxSystem.impartner.rawValue, clock: clock,
                             objects: configuration.objects.map(\.definition))
    }

    public func handle(_ request: HTTPServerRequest) -> SandboxResponse {
        serve(request)
    }

    let routes: [DialectRoute<ImpartnerAPI>] = [
        DialectRoute("GET", "/prm/api/objects/v1/:object", "impartner.list") { $0.list($1) },
        DialectRoute("POST", "/prm/api/objects/v1/:object", "impartner.create") { $0.create($1) },
        DialectRoute("GET", "/prm/api/objects/v1/:object/:id", "impartner.read") { $0.read($1) },
        DialectRoute("PATCH", "/prm/api/objects/v1/:object/:id", "impartner.update") { $0.update($1) },
        DialectRoute("DELETE", "/prm/api/objects/v1/:object/:id", "impartner.delete") { $0.delete($1) },
    ]

    // MARK: - Pipeline

    static func error(_ status: Int, _ message: String, errors: [(field: String, message: String)] = []) -> SandboxResponse {
        var body: [String: JSONValue] = ["success": .bool(false), "message": .string(message), "data": .null]
        if !errors.isEmpty {
            body["errors"] = .array(errors.map { .object(["field": .string($0.field), "message": .string($0.message)]) })
        }
        return .json(status, .object(body))
    }

    static func success(_ data: JSONValue, status: Int = 200) -> SandboxResponse {
        .json(status, .object(["success": .bool(true), "message": .null, "data": data]))
    }

    func failure(_ failure: PipelineFailure, request: HTTPServerRequest) -> SandboxResponse {
        switch failure {
        case .notFound: return Self.error(404, "The requested resource was not found.")
        case .methodNotAllowed: return Self.error(405, "The requested method is not supported for this resource.")
        case let .faultNotApplied(message): return Self.error(500, message)
        case let .injected(status):
            switch status {
            case 401: return Self.error(401, "Unauthorized")
            case 429: return Self.error(429, "Too many requests; slow down.")
            case 500...: return Self.error(status, "An error has occurred.")
            default: return Self.error(status, "Injected failure \(status).")
            }
        }
    }

    func authenticate(_ context: RequestContext) -> SandboxResponse? {
        guard let key = context.request.credential(schemes: ["prm-key", "Bearer"]), configuration.apiKeys.contains(key) else {
            return Self.error(401, "Unauthorized")
        }
        return nil
    }

    /// API keys cannot be refreshed: the request fails as if the key had been revoked.
    func expireTokens(_ context: RequestContext) -> SandboxResponse? {
        Self.error(401, "Unauthorized")
    }

    // MARK: - Handlers

    private func object(_ context: RequestContext) throws(Refusal) -> ObjectDefinition {
        guard let definition = store.definition(of: context.parameter("object")) else {
            throw Refusal(Self.error(404, "Unknown object '\(context.parameter("object"))'."))
        }
        return definition
    }

    func list(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        let definition: ObjectDefinition
        let filter: ImpartnerFilter
        let order: ImpartnerOrder
        let paths: [String]?
        do {
            definition = try object(context)
            filter = try request.queryValue("filter").map(ImpartnerFilter.parse) ?? ImpartnerFilter(clauses: [])
            order = try request.queryValue("orderby").map(ImpartnerOrder.parse) ?? ImpartnerOrder(keys: [])
            paths = try request.queryValue("fields").map(ImpartnerRecords.selection)
        } catch let refusal as Refusal {
            return refusal.response
        } catch let expression as ImpartnerExpressionError {
            return Self.error(400, "Invalid query: \(expression.message)")
        } catch {
            return Self.error(400, "Invalid query")
        }
        guard let take = Int(request.queryValue("take") ?? String(configuration.defaultTake)),
              (1...configuration.takeLimit).contains(take) else {
            return Self.error(400, "take must be between 1 and \(configuration.takeLimit).")
        }
        guard let skip = Int(request.queryValue("skip") ?? "0"), skip >= 0 else {
            return Self.error(400, "skip must be a whole number of at least 0.")
        }
        let (records, count) = store.transaction { state -> ([SandboxRecord], Int) in
            guard let table = state.tables[definition.name] else { return ([], 0) }
            let result = Self.page(table, filter: filter, order: order, skip: skip, take: take)
            state.noteServed(definition.name, newest: result.0.map(\.modifiedAt).max())
            return result
        }
        return Self.success(.object([
            "count": .int(count),
            "entity": .string(definition.name),
            "results": .array(records.map { ImpartnerRecords.render($0, paths: paths) }),
        ]))
    }

    /// A page and the total count. Ordered by `updated` with only an `updated` window, the
    /// offset is found by rank (O(log n + take)); ordered by `id`/`created` it walks the
    /// creation index; any other order sorts the matches.
    static func page(_ table: ObjectTable, filter: ImpartnerFilter, order: ImpartnerOrder, skip: Int,
                     take: Int) -> ([SandboxRecord], Int) {
        let first = order.keys.first
        let descending = first?.descending ?? false
        let byUpdated = first?.path == "updated" && (order.keys.count == 1 || order.keys[1].path == "id")
        let byID = first == nil || ((first?.path == "id" || first?.path == "created") && order.keys.count == 1)
        if byUpdated {
            let index = table.byModified
            let window = filter.updatedWindow
            let low = window.lower.map { index.lowerBound(.floor($0)) } ?? index.startPosition
            let high = window.upper.map { $0 == .max ? index.endPosition : index.lowerBound(.floor($0 + 1)) } ?? index.endPosition
            if filter.isOnlyUpdatedWindow {
                let lowRank = index.rank(of: low)
                let highRank = max(lowRank, index.rank(of: high))
                let total = highRank - lowRank
                guard skip < total else { return ([], total) }
                let count = min(take, total - skip)
                let startRank = descending ? highRank - skip - count : lowRank + skip
                var keys = index.elements(from: index.position(atRank: startRank), limit: count)
                if descending { keys.reverse() }
                return (keys.compactMap { table[$0.id] }, total)
            }
            let upper = window.upper
            var matches = table.scan(index, from: low, stop: { key in upper.map { key.modifiedAt > $0 } ?? false },
                                     limit: .max, includeDeleted: false, where: filter.matches).records
            if descending { matches.reverse() }
            return (Array(matches.dropFirst(skip).prefix(take)), matches.count)
        }
        if byID {
            let index = table.bySequence
            let start: SortedBlocks<SequenceKey>.Position
            if descending {
                start = index.position(before: index.endPosition) ?? index.endPosition
            } else {
                start = index.startPosition
            }
            let predicate: ((SandboxRecord) -> Bool)? = filter.clauses.isEmpty ? nil : { filter.matches($0) }
            let page = table.scan(index, from: start, descending: descending, skip: skip, limit: take,
                                  includeDeleted: false, where: predicate)
            let total: Int
            if filter.clauses.isEmpty {
                total = table.liveCount
            } else {
                total = table.count(index, from: index.startPosition, includeDeleted: false,
                                    where: { filter.matches($0) })
            }
            return (page.records, total)
        }
        var matches = table.scan(table.bySequence, from: table.bySequence.startPosition, limit: .max, includeDeleted: false,
                                 where: filter.matches).records
        matches.sort { left, right in
            for key in order.keys {
                let a = ImpartnerRecords.value(key.path, of: left) ?? .null
                let b = ImpartnerRecords.value(key.path, of: right) ?? .null
                guard let result = ImpartnerRecords.compare(a, b, isTime: key.path == "created" || key.path == "updated"),
                      result != .orderedSame else { continue }
                return key.descending ? result == .orderedDescending : result == .orderedAscending
            }
            return left.sequence < right.sequence
        }
        return (Array(matches.dropFirst(skip).prefix(take)), matches.count)
    }

    func read(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try object(context)
            let id = context.parameter("id")
            let paths = try context.request.queryValue("fields").map(ImpartnerRecords.selection)
            guard let record = store.transaction({ state -> SandboxRecord? in
                let found = state.tables[definition.name]?[id]
                state.noteServed(definition.name, newest: found?.modifiedAt)
                return found
            }) else {
                return Self.error(404, "\(definition.name) \(id) was not found.")
            }
            return Self.success(ImpartnerRecords.render(record, paths: paths))
        } catch let refusal as Refusal {
            return refusal.response
        } catch let expression as ImpartnerExpressionError {
            return Self.error(400, "Invalid query: \(expression.message)")
        } catch {
            return Self.error(400, "Invalid query")
        }
    }

    func create(_ context: RequestContext) -> SandboxResponse {
        write(context) { state, definition, fields throws(SandboxError) in
            try state.create(definition.name, fields: fields)
        }
    }

    func update(_ context: RequestContext) -> SandboxResponse {
        let id = context.parameter("id")
        return write(context, key: id) { state, definition, fields throws(SandboxError) in
            try state.update(definition.name, id: id, changes: fields)
        }
    }

    func delete(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try object(context)
            let id = context.parameter("id")
            if context.batchFailure?.selects(key: id, position: 0) == true {
                return Self.error(400, "The record could not be deleted (injected failure).")
            }
            try store.transaction { (state: inout StoreState) throws(SandboxError) in _ = try state.delete(definition.name, id: id) }
            return Self.success(.null)
        } catch let refusal as Refusal {
            return refusal.response
        } catch SandboxError.recordNotFound(let object, let id) {
            return Self.error(404, "\(object) \(id) was not found.")
        } catch {
            return Self.error(400, "\(error)")
        }
    }

    /// Parses the body, checks read-only and unknown fields, writes, answers the record.
    private func write(_ context: RequestContext, key: String? = nil,
                       _ apply: (inout StoreState, ObjectDefinition, [String: JSONValue]) throws(SandboxError) -> SandboxRecord)
        -> SandboxResponse {
        do {
            let definition = try object(context)
            let body: JSONValue
            do {
                body = try JSONParser().parse(context.request.body)
            } catch {
                return Self.error(400, "The request body is not valid JSON: \(error)")
            }
            guard let fields = body.asObject else { return Self.error(400, "The request body must be a JSON object.") }
            let readOnly = fields.keys.filter(ImpartnerRecords.readOnly.contains).sorted()
            if !readOnly.isEmpty {
                return Self.error(400, "Validation failed.", errors: readOnly.map { ($0, "The field '\($0)' is read-only.") })
            }
            if context.batchFailure?.selects(key: key, position: 0) == true {
                return Self.error(400, "Validation failed.", errors: [("*", "Injected failure.")])
            }
            let record = try store.transaction { (state: inout StoreState) throws(SandboxError) -> SandboxRecord in
                try apply(&state, definition, fields)
            }
            return Self.success(ImpartnerRecords.render(record, paths: nil))
        } catch let refusal as Refusal {
            return refusal.response
        } catch let storeError as SandboxError {
            switch storeError {
            case let .unknownField(object, field):
                return Self.error(400, "Validation failed.", errors: [(field, "\(object) has no field '\(field)'.")])
            case let .missingRequiredFields(_, fields):
                return Self.error(400, "Validation failed.", errors: fields.map { ($0, "The field '\($0)' is required.") })
            case let .uniqueViolation(object, field, existing):
                return Self.error(409, "Duplicate value.", errors: [(field, "\(object) \(existing) already has this \(field).")])
            case let .recordNotFound(object, id):
                return Self.error(404, "\(object) \(id) was not found.")
            default:
                return Self.error(400, storeError.description)
            }
        } catch {
            return Self.error(400, "\(error)")
        }
    }
}
