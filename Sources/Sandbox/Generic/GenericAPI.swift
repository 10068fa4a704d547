import SyncCore

/// A deliberately awkward REST API, the kind the generic connector must cope with:
///
/// - `GET /v1/{collection}?offset=&limit=`: offset paging in id order; `limit` above 100 is
///   silently lowered; unknown parameters (a `modified_since`, say) are silently ignored —
///   there is no change filter. A unique field as a parameter (`?reference=R-1`) filters by
///   it, as most REST frameworks allow (DRF's `filterset_fields`): the one record holding
///   that value (compared trimmed and case-insensitively), or none. The body splits records across two arrays,
///   `{data: {open: [...], closed: [...]}, meta: {offset, limit, next}}`, by `status`.
///   `next` is the next offset (a number) when more remain; on the last page it is `null`
///   when the page is full and absent when it is short.
/// - `GET /v1/{collection}/{id}` → `{result: {record: {...}}}`.
/// - `POST /v1/{collection}` → 201 `{result: {id: 42}}` (the id only).
/// - `PUT /v1/{collection}/{id}` replaces the whole record (fields not sent are gone); no PATCH (405).
/// - `DELETE /v1/{collection}/{id}` → 204, a hard delete (offsets of later records shift).
/// - Auth: `Authorization: Token <key>`; a bad or missing key is 403.
/// - Errors: `{error: {code, detail[, fields: {name: [messages]}]}}`; validation 422,
///   a duplicate unique value 409.
///
/// Records carry no timestamps: change detection needs a full scan.
/// Routes: `generic.list`, `generic.create`, `generic.read`, `generic.replace`, `generic.delete`.
public final class GenericAPI: DialectPipeline {
    public let system = SandboxSystem.generic
    public let store: SandboxStore
    public let configuration: GenericConfiguration

    public init(configuration: GenericConfiguration = GenericConfiguration(), clock: SandboxClock) {
        self.configuration = configuration
        store = SandboxStore(system: SandboxSystem.generic.rawValue, clock: clock,
                             objects: configuration.collections.map(\.definition))
    }

    public func handle(_ request: HTTPServerRequest) -> SandboxResponse {
        serve(request)
    }

    let routes: [DialectRoute<GenericAPI>] = [
        DialectRoute("GET", "/v1/:collection", "generic.list") { $0.list($1) },
        DialectRoute("POST", "/v1/:collection", "generic.create") { $0.create($1) },
        DialectRoute("GET", "/v1/:collection/:id", "generic.read") { $0.read($1) },
        DialectRoute("PUT", "/v1/:collection/:id", "generic.replace") { $0.replace($1) },
        DialectRoute("DELETE", "/v1/:collection/:id", "generic.delete") { $0.delete($1) },
    ]

    // MARK: - Pipeline

    static func error(_ status: Int, _ code: String, _ detail: String, fields: [String: [String]] = [:]) -> SandboxResponse {
        var error: [String: JSONValue] = ["code": .string(code), "detail": .string(detail)]
        if !fields.isEmpty {
            error["fields"] = .object(fields.mapValues { .array($0.map(JSONValue.string)) })
        }
        return .json(status, .object(["error": .object(error)]))
    }

    func failure(_ failure: PipelineFailure, request: HTTPServerRequest) -> SandboxResponse {
        switch failure {
        case .notFound: return Self.error(404, "not_found", "Not found.")
        case .methodNotAllowed: return Self.error(405, "method_not_allowed", "Method \"\(request.method)\" not allowed.")
        case let .faultNotApplied(message): return Self.error(500, "server_error", message)
        case let .injected(status):
            switch status {
            case 401, 403: return Self.error(403, "forbidden", "Invalid token.")
            case 429: return Self.error(429, "throttled", "Request was throttled.")
            case 500...: return Self.error(status, "server_error", "A server error occurred.")
            default: return Self.error(status, "error", "Injected failure \(status).")
            }
        }
    }

    func authenticate(_ context: RequestContext) -> SandboxResponse? {
        guard let key = context.request.credential(schemes: ["Token"]), configuration.apiKeys.contains(key) else {
            return Self.error(403, "forbidden", "Authentication credentials were not provided or are invalid.")
        }
        return nil
    }

    func expireTokens(_ context: RequestContext) -> SandboxResponse? {
        Self.error(403, "forbidden", "Invalid token.")
    }

    // MARK: - Handlers

    private func collection(_ context: RequestContext) throws(Refusal) -> ObjectDefinition {
        guard let definition = store.definition(of: context.parameter("collection")),
              definition.name == context.parameter("collection") else {
            throw Refusal(Self.error(404, "not_found", "Not found."))
        }
        return definition
    }

    static func render(_ record: SandboxRecord) -> JSONValue {
        var out = record.fields
        out["id"] = Int64(record.id).map(JSONValue.int) ?? .string(record.id)
        return .object(out)
    }

    func list(_ context: RequestContext) -> SandboxResponse {
        let definition: ObjectDefinition
        do {
            definition = try collection(context)
        } catch {
            return error.response
        }
        let request = context.request
        guard let offset = Int(request.queryValue("offset") ?? "0"), offset >= 0,
              let asked = Int(request.queryValue("limit") ?? String(configuration.defaultLimit)), asked >= 1 else {
            return Self.error(400, "parse_error", "offset and limit must be whole numbers.")
        }
        let limit = min(asked, configuration.pageLimit)
        let filter = definition.uniqueFields.lazy.compactMap { field in request.queryValue(field).map { (field, $0) } }.first
        let (records, hasMore) = store.transaction { state -> ([SandboxRecord], Bool) in
            guard let table = state.tables[definition.name] else { return ([], false) }
            if let (field, value) = filter {
                let matches = table.lookup(field: field, value: .string(value)).map { [$0] } ?? []
                let page = Array(matches.dropFirst(offset).prefix(limit))
                state.noteServed(definition.name, newest: page.map(\.modifiedAt).max())
                return (page, offset + page.count < matches.count)
            }
            let index = table.bySequence
            let keys = index.elements(from: index.position(atRank: offset), limit: limit)
            let records = keys.compactMap { table[$0.id] }
            state.noteServed(definition.name, newest: records.map(\.modifiedAt).max())
            return (records, offset + keys.count < index.count)
        }
        let closed = Set(configuration.closedValues.map { $0.lowercased() })
        func isClosed(_ record: SandboxRecord) -> Bool {
            record.fields[configuration.splitField]?.asString.map { closed.contains($0.lowercased()) } ?? false
        }
        var meta: [String: JSONValue] = ["offset": .int(offset), "limit": .int(limit)]
        if hasMore {
            meta["next"] = .int(offset + records.count)
        } else if records.count == limit {
            meta["next"] = .null
        }
        return .json(200, .object([
            "data": .object([
                "open": .array(records.filter { !isClosed($0) }.map(Self.render)),
                "closed": .array(records.filter(isClosed).map(Self.render)),
            ]),
            "meta": .object(meta),
        ]))
    }

    func read(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try collection(context)
            guard let record = store.record(definition.name, id: context.parameter("id")) else {
                return Self.error(404, "not_found", "Not found.")
            }
            return .json(200, .object(["result": .object(["record": Self.render(record)])]))
        } catch {
            return error.response
        }
    }

    func create(_ context: RequestContext) -> SandboxResponse {
        write(context, key: nil) { state, definition, fields throws(SandboxError) in
            try state.create(definition.name, fields: fields)
        } answer: { record in
            .json(201, .object(["result": .object(["id": Self.render(record).asObject?["id"] ?? .null])]))
        }
    }

    func replace(_ context: RequestContext) -> SandboxResponse {
        let id = context.parameter("id")
        return write(context, key: id) { state, definition, fields throws(SandboxError) in
            try state.update(definition.name, id: id, changes: fields, replacing: true)
        } answer: { record in
            .json(200, .object(["result": .object(["record": Self.render(record)])]))
        }
    }

    func delete(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try collection(context)
            let id = context.parameter("id")
            if context.batchFailure?.selects(key: id, position: 0) == true {
                return Self.error(422, "validation_failed", "This record cannot be deleted right now.")
            }
            do {
                try store.transaction { (state: inout StoreState) throws(SandboxError) in _ = try state.delete(definition.name, id: id) }
            } catch {
                return Self.error(404, "not_found", "Not found.")
            }
            return .empty(204)
        } catch {
            return error.response
        }
    }

    private func write(_ context: RequestContext, key: String?,
                       _ apply: (inout StoreState, ObjectDefinition, [String: JSONValue]) throws(SandboxError) -> SandboxRecord,
                       answer: (SandboxRecord) -> SandboxResponse) -> SandboxResponse {
        let definition: ObjectDefinition
        do {
            definition = try collection(context)
        } catch {
            return error.response
        }
        let fields: [String: JSONValue]
        do {
            guard let object = try JSONParser().parse(context.request.body).asObject else {
                return Self.error(400, "parse_error", "JSON parse error - expected an object.")
            }
            fields = object
        } catch {
            return Self.error(400, "parse_error", "JSON parse error - \(error)")
        }
        if fields["id"] != nil {
            return Self.error(422, "validation_failed", "Invalid input.", fields: ["id": ["This field is read-only."]])
        }
        if context.batchFailure?.selects(key: key, position: 0) == true {
            return Self.error(422, "validation_failed", "Invalid input.", fields: ["non_field_errors": ["Injected failure."]])
        }
        do {
            let record = try store.transaction { (state: inout StoreState) throws(SandboxError) -> SandboxRecord in
                try apply(&state, definition, fields)
            }
            return answer(record)
        } catch {
            switch error {
            case let .uniqueViolation(_, field, _):
                return Self.error(409, "conflict", "A record with this \(field) already exists.",
                                  fields: [field: ["has already been taken"]])
            case let .missingRequiredFields(_, missing):
                return Self.error(422, "validation_failed", "Invalid input.",
                                  fields: Dictionary(uniqueKeysWithValues: missing.map { ($0, ["This field is required."]) }))
            case .recordNotFound:
                return Self.error(404, "not_found", "Not found.")
            default:
                return Self.error(422, "validation_failed", error.description)
            }
        }
    }
}
