import SyncCore

/// `POST /crm/v3/objects/{type}/batch/{read|create|update|upsert|archive}`: up to 100
/// inputs; inputs that fail alone come back in `errors[]` with 207 Multi-Status.
extension HubSpotAPI {
    /// One failed input in a 207 body.
    private struct InputError {
        var category: String
        var message: String
        var context: [String: JSONValue]

        var json: JSONValue {
            .object(["status": .string("error"), "category": .string(category), "message": .string(message),
                     "context": .object(context)])
        }
    }

    func batchRead(_ context: RequestContext) -> SandboxResponse {
        batch(context) { (definition, body, inputs) throws(Refusal) -> (Int, [JSONValue], [InputError]) in
            let idProperty = body["idProperty"]?.asString
            if let idProperty, idProperty != "hs_object_id", !definition.uniqueFields.contains(idProperty) {
                throw Refusal(validation("\(idProperty) is not a unique identifier property for \(definition.name)"))
            }
            let archived = body["archived"]?.asBool ?? false
            let properties = requestedProperties(body["properties"]?.asArray?.compactMap(\.asString), definition: definition)
            var missing: [String] = []
            let found = store.transaction { state -> [SandboxRecord] in
                guard let table = state.tables[definition.name] else { return [] }
                var found: [SandboxRecord] = []
                for (position, input) in inputs.enumerated() {
                    let key = input.asObject?["id"]?.displayText ?? ""
                    let record = (idProperty.map { $0 == "hs_object_id" ? table[key] : table.lookup(field: $0, value: .string(key)) }
                        ?? table[key])
                    if let record, record.isDeleted == archived,
                       context.batchFailure?.selects(key: key, position: position) != true {
                        found.append(record)
                    } else {
                        missing.append(key)
                    }
                }
                state.noteServed(definition.name, newest: found.map(\.modifiedAt).max())
                return found
            }
            let errors = missing.isEmpty ? [] : [InputError(
                category: "OBJECT_NOT_FOUND",
                message: "Could not get some \(definition.name.uppercased().dropLast()) objects, they may be deleted or not exist. Check that ids are valid.",
                context: ["ids": .array(missing.map(JSONValue.string))])]
            return (200, found.map { render($0, properties: properties) }, errors)
        }
    }

    func batchCreate(_ context: RequestContext) -> SandboxResponse {
        batch(context) { (definition, _, inputs) throws(Refusal) -> (Int, [JSONValue], [InputError]) in
            let prepared = try inputs.map { input throws(Refusal) in try properties(of: input, definition: definition) }
            var errors: [InputError] = []
            var created: [SandboxRecord] = []
            do throws(SandboxError) {
                // Creates are all or nothing unless a single input fails on its own (207).
                created = try store.transaction { (state: inout StoreState) throws(SandboxError) -> [SandboxRecord] in
                    var created: [SandboxRecord] = []
                    var undos: [StoreState.Undo] = []
                    for (position, values) in prepared.enumerated() {
                        let trace = inputs[position].asObject?["objectWriteTraceId"]?.asString
                        if context.batchFailure?.selects(key: trace, position: position) == true {
                            errors.append(injectedError(key: trace, position: position, traceKey: "objectWriteTraceId"))
                            continue
                        }
                        do throws(SandboxError) {
                            let record = try state.create(definition.name, fields: values)
                            created.append(record)
                            undos.append(StoreState.Undo(object: definition.name, id: record.id, previous: nil))
                        } catch {
                            state.rollBack(undos)
                            throw error
                        }
                    }
                    return created
                }
            } catch {
                throw Refusal(refusal(for: error, object: definition.name))
            }
            return (201, created.map { render($0, properties: Array(prepared.flatMap(\.keys))) }, errors)
        }
    }

    func batchUpdate(_ context: RequestContext) -> SandboxResponse {
        batch(context, keyed: true) { (definition, body, inputs) throws(Refusal) -> (Int, [JSONValue], [InputError]) in
            let idProperty = body["idProperty"]?.asString ?? inputs.first?.asObject?["idProperty"]?.asString
            if let idProperty, idProperty != "hs_object_id", !definition.uniqueFields.contains(idProperty) {
                throw Refusal(validation("\(idProperty) is not a unique identifier property for \(definition.name)"))
            }
            let prepared = try inputs.map { input throws(Refusal) in try properties(of: input, definition: definition) }
            var errors: [InputError] = []
            var missing: [String] = []
            let updated = store.transaction { state -> [SandboxRecord] in
                var updated: [SandboxRecord] = []
                for (position, values) in prepared.enumerated() {
                    let key = inputs[position].asObject?["id"]?.displayText ?? ""
                    if context.batchFailure?.selects(key: key, position: position) == true {
                        errors.append(injectedError(key: key, position: position, traceKey: "ids"))
                        continue
                    }
                    let target = idProperty.flatMap { $0 == "hs_object_id" ? nil : state.tables[definition.name]?.lookup(field: $0, value: .string(key))?.id } ?? key
                    do throws(SandboxError) {
                        updated.append(try state.update(definition.name, id: target, changes: values))
                    } catch .uniqueViolation(_, let field, let existing) {
                        errors.append(InputError(category: "CONFLICT", message: "\(field) already in use by \(existing)",
                                                 context: ["ids": .array([.string(key)])]))
                    } catch {
                        missing.append(key)
                    }
                }
                return updated
            }
            if !missing.isEmpty {
                errors.append(InputError(category: "OBJECT_NOT_FOUND",
                                         message: "Could not get some \(definition.name.uppercased().dropLast()) objects, they may be deleted or not exist. Check that ids are valid.",
                                         context: ["ids": .array(missing.map(JSONValue.string))]))
            }
            return (200, updated.map { render($0, properties: Array(prepared.flatMap(\.keys))) }, errors)
        }
    }

    /// Upsert by a unique `idProperty`: `new: true` for created records.
    func batchUpsert(_ context: RequestContext) -> SandboxResponse {
        batch(context, keyed: true) { (definition, _, inputs) throws(Refusal) -> (Int, [JSONValue], [InputError]) in
            let prepared = try inputs.map { input throws(Refusal) in try properties(of: input, definition: definition) }
            var keys: [(key: String, idProperty: String)] = []
            for input in inputs {
                guard let object = input.asObject, let key = object["id"]?.displayText, !key.isEmpty,
                      let idProperty = object["idProperty"]?.asString else {
                    throw Refusal(validation("each upsert input needs 'id' and 'idProperty'"))
                }
                guard definition.uniqueFields.contains(idProperty) else {
                    throw Refusal(validation("\(idProperty) is not a unique identifier property for \(definition.name)"))
                }
                keys.append((key, idProperty))
            }
            var errors: [InputError] = []
            let results = store.transaction { state -> [JSONValue] in
                var results: [JSONValue] = []
                for (position, values) in prepared.enumerated() {
                    let (key, idProperty) = keys[position]
                    if context.batchFailure?.selects(key: key, position: position) == true {
                        errors.append(injectedError(key: key, position: position, traceKey: "ids"))
                        continue
                    }
                    var fields = values
                    fields[idProperty] = .string(key)
                    do throws(SandboxError) {
                        let existing = state.tables[definition.name]?.lookup(field: idProperty, value: .string(key))
                        let record: SandboxRecord
                        if let existing {
                            record = try state.update(definition.name, id: existing.id, changes: fields)
                        } else {
                            record = try state.create(definition.name, fields: fields)
                        }
                        guard case var .object(rendered) = render(record, properties: Array(fields.keys)) else { continue }
                        rendered["new"] = .bool(existing == nil)
                        results.append(.object(rendered))
                    } catch .uniqueViolation(_, let field, let existing) {
                        errors.append(InputError(category: "CONFLICT", message: "\(field) already in use by \(existing)",
                                                 context: ["ids": .array([.string(key)])]))
                    } catch {
                        errors.append(InputError(category: "VALIDATION_ERROR", message: error.description,
                                                 context: ["ids": .array([.string(key)])]))
                    }
                }
                return results
            }
            return (200, results, errors)
        }
    }

    /// Archive: 204 whatever the ids (unknown ones are ignored, as on HubSpot).
    func batchArchive(_ context: RequestContext) -> SandboxResponse {
        batch(context, keyed: true) { (definition, _, inputs) throws(Refusal) -> (Int, [JSONValue], [InputError]) in
            var errors: [InputError] = []
            store.transaction { state in
                for (position, input) in inputs.enumerated() {
                    let key = input.asObject?["id"]?.displayText ?? ""
                    if context.batchFailure?.selects(key: key, position: position) == true {
                        errors.append(injectedError(key: key, position: position, traceKey: "ids"))
                        continue
                    }
                    _ = try? state.delete(definition.name, id: key)
                }
            }
            return (204, [], errors)
        }
    }

    // MARK: - Shared

    private func injectedError(key: String?, position: Int, traceKey: String) -> InputError {
        InputError(category: "VALIDATION_ERROR", message: "Injected failure for input \(position + 1)",
                   context: key.map { [traceKey: .array([.string($0)])] } ?? [:])
    }

    /// Validated properties of one input; a bad property refuses the whole batch (400).
    private func properties(of input: JSONValue, definition: ObjectDefinition) throws(Refusal) -> [String: JSONValue] {
        let (values, problems) = HubSpotProperties.normalize(input.asObject?["properties"]?.asObject ?? [:], definition: definition)
        guard problems.isEmpty else { throw Refusal(validation(HubSpotError.invalidProperties(problems))) }
        return values
    }

    /// Parses `{inputs: [...]}`, enforces the input limit, and shapes the answer:
    /// `status`/`results`/timestamps, 207 with `errors[]` and `numErrors` when some failed.
    /// `keyed`: inputs name records by `id` (update, upsert, archive); HubSpot refuses the
    /// whole call when two of them name the same one.
    private func batch(_ context: RequestContext, keyed: Bool = false,
                       _ body: (ObjectDefinition, [String: JSONValue], [JSONValue]) throws(Refusal) -> (Int, [JSONValue], [InputError]))
        -> SandboxResponse {
        do {
            let definition = try objectType(context)
            let json = try jsonBody(context.request)
            guard let inputs = json["inputs"]?.asArray else { return validation("inputs is required") }
            guard inputs.count <= configuration.batchLimit else {
                return validation("Too many inputs: \(inputs.count). The maximum is \(configuration.batchLimit).")
            }
            if keyed {
                var seen: Set<String> = [], repeated: [String] = []
                for case let id? in inputs.map({ $0.asObject?["id"]?.displayText }) where !seen.insert(id).inserted {
                    repeated.append(id)
                }
                if !repeated.isEmpty { return validation("Duplicate IDs found in batch input: \(repeated)") }
            }
            let started = store.clock.now()
            let (status, results, errors) = try body(definition, json, inputs)
            if status == 204, errors.isEmpty { return .empty(204) }
            var out: [String: JSONValue] = [
                "status": .string("COMPLETE"), "results": .array(results),
                "startedAt": .string(SandboxTime.iso(started)), "completedAt": .string(SandboxTime.iso(store.clock.now())),
            ]
            guard !errors.isEmpty else { return .json(status, .object(out)) }
            out["errors"] = .array(errors.map(\.json))
            out["numErrors"] = .int(errors.count)
            return .json(207, .object(out))
        } catch {
            return error.response
        }
    }
}
