import SyncCore

extension PipedriveAPI {
    private func object(_ context: RequestContext) throws(Refusal) -> (ObjectDefinition, PipedriveConfiguration.Object) {
        let name = context.parameter("object")
        guard let settings = configuration.objects.first(where: { $0.name == name }),
              let definition = store.definition(of: name) else {
            throw Refusal(Self.error(404, "Unknown method ."))
        }
        return (definition, settings)
    }

    /// A record as v2 shows it: numeric `id`, `add_time`/`update_time` in whole seconds,
    /// `is_deleted`.
    static func render(_ record: SandboxRecord) -> JSONValue {
        var out = record.fields
        out["id"] = Int64(record.id).map { .int($0) } ?? .string(record.id)
        out["add_time"] = .string(SandboxTime.wholeSeconds(record.createdAt))
        out["update_time"] = .string(SandboxTime.wholeSeconds(record.modifiedAt))
        out["is_deleted"] = .bool(record.isDeleted)
        return .object(out)
    }

    /// `GET /api/v2/{object}?limit&cursor&updated_since&sort_by&sort_direction&status`.
    func list(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        let definition: ObjectDefinition
        let settings: PipedriveConfiguration.Object
        do {
            (definition, settings) = try object(context)
        } catch {
            return error.response
        }
        guard let limit = Int(request.queryValue("limit") ?? String(configuration.defaultLimit)),
              (1...configuration.pageLimit).contains(limit) else {
            return Self.error(400, "Validation failed: limit: Parameter 'limit' must be between 1 and \(configuration.pageLimit)")
        }
        var since: Int64?
        if let text = request.queryValue("updated_since") {
            guard let parsed = SandboxTime.parse(text) else {
                return Self.error(400, "Validation failed: updated_since: Parameter 'updated_since' must be an RFC3339 date-time")
            }
            since = parsed
        }
        let sortBy = request.queryValue("sort_by") ?? "id"
        guard ["id", "update_time", "add_time"].contains(sortBy) else {
            return Self.error(400, "Validation failed: sort_by: must be one of id, update_time, add_time")
        }
        let direction = request.queryValue("sort_direction") ?? "asc"
        guard ["asc", "desc"].contains(direction) else {
            return Self.error(400, "Validation failed: sort_direction: must be one of asc, desc")
        }
        let order: PipedriveCursor.Order = sortBy == "update_time" ? .updateTime : .creation
        var after: PipedriveCursor?
        if let text = request.queryValue("cursor") {
            guard let cursor = PipedriveCursor(text), cursor.order == order else {
                return Self.error(400, "Validation failed: cursor: invalid cursor")
            }
            after = cursor
        }
        var statuses: Set<String>?
        if let text = request.queryValue("status") {
            guard settings.hasStatus else { return Self.error(400, "Validation failed: status: unknown parameter") }
            statuses = Set(text.split(separator: ",").map { String($0) })
            if let bad = statuses?.first(where: { !["open", "won", "lost", "deleted"].contains($0) }) {
                return Self.error(400, "Validation failed: status: '\(bad)' is not one of open, won, lost, deleted")
            }
        }
        let matches: (SandboxRecord) -> Bool = { record in
            if let since, record.modifiedAt < since { return false }
            guard let statuses else { return !record.isDeleted }
            if record.isDeleted { return statuses.contains("deleted") }
            let status = record.fields["status"]?.asString ?? "open"
            return statuses.contains(status)
        }
        let descending = direction == "desc"
        let page = store.transaction { state -> (items: [SandboxRecord], hasMore: Bool) in
            guard let table = state.tables[definition.name] else { return (items: [], hasMore: false) }
            let result: (items: [SandboxRecord], hasMore: Bool)
            switch order {
            case .updateTime:
                let key = after.map { ModifiedKey(modifiedAt: $0.stamp, id: $0.id) }
                result = Self.page(table, index: table.byModified, after: key, floor: since.map(ModifiedKey.floor),
                                   descending: descending, limit: limit, matches: matches)
            case .creation:
                let key = after.map { SequenceKey(sequence: $0.stamp, id: $0.id) }
                result = Self.page(table, index: table.bySequence, after: key, floor: nil, descending: descending,
                                   limit: limit, matches: matches)
            }
            state.noteServed(definition.name, newest: result.items.map(\.modifiedAt).max())
            return result
        }
        var next: JSONValue = .null
        if page.hasMore, let last = page.items.last {
            let stamp = order == .updateTime ? last.modifiedAt : last.sequence
            next = .string(PipedriveCursor(order: order, stamp: stamp, id: last.id).encoded)
        }
        return Self.success(.array(page.items.map(Self.render)), additional: .object(["next_cursor": next]))
    }

    /// Up to `limit` matches after `after` (or from `floor`, ascending) in `index`.
    static func page<Key: RecordIndexKey>(_ table: ObjectTable, index: SortedBlocks<Key>, after: Key?, floor: Key?,
                                          descending: Bool, limit: Int,
                                          matches: @escaping (SandboxRecord) -> Bool) -> (items: [SandboxRecord], hasMore: Bool) {
        var start: SortedBlocks<Key>.Position?
        if let after {
            let position = index.lowerBound(after)
            start = descending ? index.position(before: position) : index.upperBound(after)
        } else if descending {
            start = index.position(before: index.endPosition)
        } else {
            start = floor.map(index.lowerBound) ?? index.startPosition
        }
        guard let start, start.block < index.blocks.count else { return (items: [], hasMore: false) }
        let scan = table.scan(index, from: start, descending: descending, limit: limit, includeDeleted: true, where: matches)
        return (scan.records, scan.hasMore)
    }

    func read(_ context: RequestContext) -> SandboxResponse {
        do {
            let (definition, _) = try object(context)
            let id = context.parameter("id")
            guard let record = store.record(definition.name, id: id), !record.isDeleted else {
                return Self.error(404, "Entity not found")
            }
            return Self.success(Self.render(record))
        } catch {
            return error.response
        }
    }

    func create(_ context: RequestContext) -> SandboxResponse {
        write(context, id: nil) { state, name, fields throws(SandboxError) in
            try state.create(name, fields: fields)
        }
    }

    func update(_ context: RequestContext) -> SandboxResponse {
        let id = context.parameter("id")
        return write(context, id: id) { state, name, fields throws(SandboxError) in
            var changes = fields
            // Custom fields merge key by key, as Pipedrive's PATCH does.
            if let incoming = fields["custom_fields"]?.asObject, let record = state.tables[name]?[id] {
                var merged = record.fields["custom_fields"]?.asObject ?? [:]
                for (key, value) in incoming { merged[key] = value }
                changes["custom_fields"] = .object(merged)
            }
            return try state.update(name, id: id, changes: changes)
        }
    }

    func delete(_ context: RequestContext) -> SandboxResponse {
        do {
            let (definition, _) = try object(context)
            let id = context.parameter("id")
            if context.batchFailure?.selects(key: id, position: 0) == true {
                return Self.error(400, "Could not delete entity \(id) (injected failure)")
            }
            do {
                try store.transaction { (state: inout StoreState) throws(SandboxError) in _ = try state.delete(definition.name, id: id) }
            } catch {
                return Self.error(404, "Entity not found")
            }
            return Self.success(.object(["id": Int64(id).map { .int($0) } ?? .string(id)]))
        } catch {
            return error.response
        }
    }

    private func write(_ context: RequestContext, id: String?,
                       _ apply: (inout StoreState, String, [String: JSONValue]) throws(SandboxError) -> SandboxRecord)
        -> SandboxResponse {
        let definition: ObjectDefinition
        do {
            (definition, _) = try object(context)
        } catch {
            return error.response
        }
        guard let body = try? JSONParser().parse(context.request.body), let fields = body.asObject else {
            return Self.error(400, "Validation failed: body: must be a JSON object")
        }
        if let reserved = ["id", "add_time", "update_time", "is_deleted"].first(where: { fields[$0] != nil }) {
            return Self.error(400, "Validation failed: \(reserved): Parameter '\(reserved)' is read-only")
        }
        if let status = fields["status"]?.asString, !["open", "won", "lost"].contains(status) {
            return Self.error(400, "Validation failed: status: must be one of open, won, lost")
        }
        let key = id ?? fields["custom_fields"]?.asObject?.values.compactMap(\.asString).first
        if context.batchFailure?.selects(key: key, position: 0) == true {
            return Self.error(400, "Validation failed: injected failure for \(key ?? "a new entity")")
        }
        do {
            let record = try store.transaction { (state: inout StoreState) throws(SandboxError) -> SandboxRecord in
                try apply(&state, definition.name, fields)
            }
            return Self.success(Self.render(record))
        } catch {
            switch error {
            case let .missingRequiredFields(_, fields):
                return Self.error(400, "Validation failed: \(fields.joined(separator: ", ")): Parameter is required")
            case .recordNotFound:
                return Self.error(404, "Entity not found")
            default:
                return Self.error(400, error.description)
            }
        }
    }
}
