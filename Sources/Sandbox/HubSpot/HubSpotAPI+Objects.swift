import SyncCore

/// Single-object endpoints: list, read, create, update, archive.
extension HubSpotAPI {
    /// `GET /crm/v3/objects/{type}?limit&after&properties&archived`: id order; `after` is
    /// the id to start from. `archived=true` lists only archived records.
    func list(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try objectType(context)
            let request = context.request
            let limit = Int(request.queryValue("limit") ?? "10") ?? -1
            guard (1...configuration.listPageLimit).contains(limit) else {
                return validation("limit must be between 1 and \(configuration.listPageLimit), not \(request.queryValue("limit") ?? "")")
            }
            let archived = request.queryValue("archived") == "true"
            let start: Int64
            if let after = request.queryValue("after") {
                guard let number = Int64(after), case let .numeric(base) = definition.idScheme, number >= base else {
                    return validation("after must be a paging cursor from an earlier response, not '\(after)'")
                }
                start = number - base
            } else {
                start = 0
            }
            let properties = requestedProperties(propertyList(request.queryValue("properties")), definition: definition)
            let page = store.transaction { state -> ScanPage<SequenceKey> in
                guard let table = state.tables[definition.name] else { return ScanPage(records: [], next: nil) }
                let index = table.bySequence
                let page = table.scan(index, from: index.lowerBound(SequenceKey(sequence: start, id: "")), limit: limit,
                                      includeDeleted: archived, where: archived ? { $0.isDeleted } : nil)
                state.noteServed(definition.name, newest: page.records.map(\.modifiedAt).max())
                return page
            }
            var body: [String: JSONValue] = ["results": .array(page.records.map { render($0, properties: properties) })]
            if let next = page.next {
                let key = store.transaction { $0.tables[definition.name]?.bySequence[next] }
                if let key {
                    body["paging"] = .object(["next": .object([
                        "after": .string(key.id),
                        "link": .string("/crm/v3/objects/\(definition.name)?after=\(key.id)&limit=\(limit)"),
                    ])])
                }
            }
            return .json(200, .object(body))
        } catch {
            return error.response
        }
    }

    /// `GET /crm/v3/objects/{type}/{id}[?idProperty=&properties=&archived=]`.
    func readOne(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try objectType(context)
            let request = context.request
            let id = context.parameter("id")
            let archived = request.queryValue("archived") == "true"
            let properties = requestedProperties(propertyList(request.queryValue("properties")), definition: definition)
            let idProperty = request.queryValue("idProperty")
            if let idProperty, !definition.uniqueFields.contains(idProperty), idProperty != "hs_object_id" {
                return validation("\(idProperty) is not a unique identifier property for \(definition.name)")
            }
            let found = store.transaction { state -> SandboxRecord? in
                guard let table = state.tables[definition.name] else { return nil }
                let record: SandboxRecord?
                if let idProperty, idProperty != "hs_object_id" {
                    record = table.lookup(field: idProperty, value: .string(id))
                } else {
                    record = table[id]
                }
                guard let record, record.isDeleted == archived else { return nil }
                state.noteServed(definition.name, newest: record.modifiedAt)
                return record
            }
            guard let found else { return error(404, "resource not found", category: "OBJECT_NOT_FOUND") }
            return .json(200, render(found, properties: properties))
        } catch {
            return error.response
        }
    }

    /// `POST /crm/v3/objects/{type}` with `{properties}` → 201.
    func createOne(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try objectType(context)
            let body = try jsonBody(context.request)
            let (values, problems) = HubSpotProperties.normalize(body["properties"]?.asObject ?? [:], definition: definition)
            guard problems.isEmpty else { return validation(HubSpotError.invalidProperties(problems)) }
            let record = try store.transaction { (state: inout StoreState) throws(SandboxError) -> SandboxRecord in
                try state.create(definition.name, fields: values)
            }
            return .json(201, render(record, properties: Array(values.keys)))
        } catch let refusal as Refusal {
            return refusal.response
        } catch let storeError as SandboxError {
            return refusal(for: storeError, object: context.parameter("type"))
        } catch {
            return validation("\(error)")
        }
    }

    /// `PATCH /crm/v3/objects/{type}/{id}[?idProperty=]` with `{properties}`.
    func updateOne(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try objectType(context)
            let body = try jsonBody(context.request)
            let (values, problems) = HubSpotProperties.normalize(body["properties"]?.asObject ?? [:], definition: definition)
            guard problems.isEmpty else { return validation(HubSpotError.invalidProperties(problems)) }
            let id = context.parameter("id")
            if context.batchFailure?.selects(key: id, position: 0) == true {
                return validation(HubSpotError.invalidProperties([("properties", "INVALID_OPTION", "Injected failure for \(id)")]))
            }
            let idProperty = context.request.queryValue("idProperty")
            let record = try store.transaction { (state: inout StoreState) throws(SandboxError) -> SandboxRecord in
                var target = id
                if let idProperty, idProperty != "hs_object_id" {
                    guard let found = state.tables[definition.name]?.lookup(field: idProperty, value: .string(id)) else {
                        throw .recordNotFound(object: definition.name, id: id)
                    }
                    target = found.id
                }
                return try state.update(definition.name, id: target, changes: values)
            }
            return .json(200, render(record, properties: Array(values.keys)))
        } catch let refusal as Refusal {
            return refusal.response
        } catch let storeError as SandboxError {
            return refusal(for: storeError, object: context.parameter("type"))
        } catch {
            return validation("\(error)")
        }
    }

    /// `DELETE /crm/v3/objects/{type}/{id}` → 204 (archives; unknown ids too).
    func archiveOne(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try objectType(context)
            let id = context.parameter("id")
            _ = try? store.transaction { (state: inout StoreState) throws(SandboxError) in
                _ = try state.delete(definition.name, id: id)
            }
            return .empty(204)
        } catch {
            return error.response
        }
    }
}
