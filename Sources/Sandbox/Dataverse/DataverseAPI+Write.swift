import SyncCore

extension DataverseAPI {
    /// The attributes of a write body; `@odata.*` annotations and read-only columns refused.
    private func attributes(_ request: HTTPServerRequest, table: DataverseConfiguration.Table)
        throws(Refusal) -> [String: JSONValue] {
        guard let body = (try? JSONParser().parse(request.body))?.asObject else {
            throw Refusal(Self.error(400, "0x80040203", "The request body must be a JSON object."))
        }
        if let field = body.keys.sorted().first(where: { ["createdon", "modifiedon"].contains($0) || $0.hasPrefix("@") }) {
            throw Refusal(Self.error(400, "0x80040203", "'\(field)' cannot be set."))
        }
        return body
    }

    /// `POST {set}`: a new row (204 with `OData-EntityId`, or 201 and the row with
    /// `Prefer: return=representation`).
    func create(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        do {
            let (address, table) = try target(context)
            guard address.key == .none else { return Self.error(405, "0x80060888", "POST takes the entity set, not a row.") }
            var fields = try attributes(request, table: table)
            let id = fields.removeValue(forKey: table.primaryKey)?.asString?.lowercased()
            return written(try write { state throws(SandboxError) in
                try state.create(table.entitySet, fields: fields, id: id)
            }, created: true, request: request, table: table)
        } catch {
            return error.response
        }
    }

    /// `PATCH {set}(key)`: an upsert by primary or alternate key; `If-Match: *` only
    /// updates (404 when absent), `If-None-Match: *` only creates (412 when present).
    func upsert(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        do {
            let (address, table) = try target(context)
            guard address.key != .none else { return Self.error(405, "0x80060888", "PATCH needs a key.") }
            var fields = try attributes(request, table: table)
            fields[table.primaryKey] = nil
            let existing = try find(address, table: table)
            if request.headers["If-Match"] == "*", existing == nil { return Self.notFound(table, address) }
            if request.headers["If-None-Match"] == "*", existing != nil {
                return Self.error(412, "0x80040237", "A record with matching key values already exists.")
            }
            if let existing {
                return written(try write { state throws(SandboxError) in
                    try state.update(table.entitySet, id: existing.id, changes: fields)
                }, created: false, request: request, table: table)
            }
            var id: String?
            switch address.key {
            case let .id(key): id = key
            case let .alternate(field, value): fields[field] = .string(value)
            case .none: break
            }
            let newID = id
            return written(try write { state throws(SandboxError) in
                try state.create(table.entitySet, fields: fields, id: newID)
            }, created: true, request: request, table: table)
        } catch {
            return error.response
        }
    }

    /// `DELETE {set}(key)`: 204, or 404 when there is no such live row.
    func delete(_ context: RequestContext) -> SandboxResponse {
        do {
            let (address, table) = try target(context)
            guard let existing = try find(address, table: table) else { return Self.notFound(table, address) }
            _ = try write { state throws(SandboxError) in try state.delete(table.entitySet, id: existing.id) }
            return .empty(204)
        } catch {
            return error.response
        }
    }

    private func write(_ body: (inout StoreState) throws(SandboxError) -> SandboxRecord) throws(Refusal) -> SandboxRecord {
        do {
            return try store.transaction(body)
        } catch {
            throw Refusal(Self.writeError(error))
        }
    }

    private func written(_ record: SandboxRecord, created: Bool, request: HTTPServerRequest,
                         table: DataverseConfiguration.Table) -> SandboxResponse {
        let entityID = Self.entityID(request, table: table, id: record.id)
        let headers = [(name: "OData-EntityId", value: entityID), (name: "Location", value: entityID)]
        guard Self.preferences(request)["return"] == "representation" else { return .empty(204, headers: headers) }
        let select = request.queryValue("$select").map { $0.split(separator: ",").map(String.init) }
        var row = Self.render(record, table: table, select: select).asObject ?? [:]
        row["@odata.context"] = .string(Self.serviceRoot(request) + "/$metadata#\(table.entitySet)/$entity")
        return .json(created ? 201 : 200, .object(row), headers: headers + [("Preference-Applied", "return=representation")])
    }

    static func writeError(_ error: SandboxError) -> SandboxResponse {
        switch error {
        case let .missingRequiredFields(_, fields):
            return Self.error(400, "0x80044331", "A validation error occurred. The value of '\(fields.joined(separator: "', '"))' is required.")
        case .uniqueViolation, .duplicateID:
            return Self.error(412, "0x80040237", "A record with matching key values already exists.")
        case let .recordNotFound(object, id):
            return Self.error(404, "0x80040217", "\(object) With Id = \(id) Does Not Exist")
        default:
            return Self.error(400, "0x80040203", error.description)
        }
    }
}
