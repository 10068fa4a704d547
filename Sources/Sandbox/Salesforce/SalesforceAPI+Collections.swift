import SyncCore

/// sObject Collections: create, update, upsert by external id, delete — up to 200
/// records a call, per-record results, `allOrNone` rolling everything back.
extension SalesforceAPI {
    /// One record's outcome in the response array.
    private struct Outcome {
        var id: String?
        var created: Bool?
        var errors: [JSONValue]

        var json: JSONValue {
            var entry: [String: JSONValue] = ["success": .bool(errors.isEmpty), "errors": .array(errors)]
            if let id { entry["id"] = .string(id) }
            if let created, errors.isEmpty { entry["created"] = .bool(created) }
            return .object(entry)
        }
    }

    private enum RecordFailure: Error {
        case error(JSONValue)
    }

    /// `PATCH …/composite/sobjects/{T}/{ExternalIdField}`.
    func upsert(_ context: RequestContext) -> SandboxResponse {
        guard Self.isVersion(context.parameter("version")),
              let definition = store.definition(of: context.parameter("object")) else { return SalesforceError.notFound }
        guard let externalField = definition.uniqueFields.first(where: {
            $0.lowercased() == context.parameter("field").lowercased()
        }) else {
            return SalesforceError.response(404, "NOT_FOUND",
                                            "Provided external ID field does not exist or is not accessible: \(context.parameter("field"))")
        }
        let body: (allOrNone: Bool, records: [JSONValue])
        do {
            body = try parseBody(context.request)
        } catch {
            return error.response
        }
        // Salesforce refuses every occurrence of an external id given twice.
        var occurrences: [String: Int] = [:]
        for record in body.records {
            if let key = Self.fieldValue(record, externalField)?.displayText?.lowercased() { occurrences[key, default: 0] += 1 }
        }
        let object = definition.name
        return write(body, context: context) { state, record, position -> (Outcome, StoreState.Undo) in
            let fields = try self.writableFields(record, definition: definition, allowID: false)
            guard let value = fields[externalField], let key = value.displayText, !key.isEmpty else {
                throw RecordFailure.error(SalesforceError.recordError("REQUIRED_FIELD_MISSING",
                                                                      "Required fields are missing: [\(externalField)]",
                                                                      fields: [externalField]))
            }
            if occurrences[key.lowercased(), default: 0] > 1 {
                throw RecordFailure.error(SalesforceError.recordError("DUPLICATE_VALUE", "Duplicate external id specified: \(key)",
                                                                      fields: [externalField]))
            }
            try self.injectedFailure(context, key: key, position: position)
            if let existing = state.tables[object]?.lookup(field: externalField, value: value) {
                _ = try Self.mapped { () throws(SandboxError) in try state.update(object, id: existing.id, changes: fields) }
                return (Outcome(id: existing.id, created: false, errors: []), StoreState.Undo(object: object, id: existing.id, previous: existing))
            }
            let created = try Self.mapped { () throws(SandboxError) in try state.create(object, fields: fields) }
            return (Outcome(id: created.id, created: true, errors: []), StoreState.Undo(object: object, id: created.id, previous: nil))
        }
    }

    /// `POST …/composite/sobjects`: creates; each record names its type.
    func create(_ context: RequestContext) -> SandboxResponse {
        guard Self.isVersion(context.parameter("version")) else { return SalesforceError.notFound }
        let body: (allOrNone: Bool, records: [JSONValue])
        do {
            body = try parseBody(context.request)
        } catch {
            return error.response
        }
        return write(body, context: context) { state, record, position -> (Outcome, StoreState.Undo) in
            let definition = try self.recordType(record, in: state)
            let fields = try self.writableFields(record, definition: definition, allowID: false)
            try self.injectedFailure(context, key: nil, position: position)
            let created = try Self.mapped { () throws(SandboxError) in try state.create(definition.name, fields: fields) }
            return (Outcome(id: created.id, errors: []), StoreState.Undo(object: definition.name, id: created.id, previous: nil))
        }
    }

    /// `PATCH …/composite/sobjects`: updates by `Id`.
    func update(_ context: RequestContext) -> SandboxResponse {
        guard Self.isVersion(context.parameter("version")) else { return SalesforceError.notFound }
        let body: (allOrNone: Bool, records: [JSONValue])
        do {
            body = try parseBody(context.request)
        } catch {
            return error.response
        }
        return write(body, context: context) { state, record, position -> (Outcome, StoreState.Undo) in
            let definition = try self.recordType(record, in: state)
            guard let id = record.asObject?.first(where: { $0.key.lowercased() == "id" })?.value.asString else {
                throw RecordFailure.error(SalesforceError.recordError("MISSING_ARGUMENT", "Id not specified in an update call"))
            }
            var fields = try self.writableFields(record, definition: definition, allowID: true)
            fields = fields.filter { $0.key.lowercased() != "id" }
            try self.injectedFailure(context, key: id, position: position)
            guard let existing = try self.existing(id, in: state, object: definition.name) else {
                throw RecordFailure.error(SalesforceError.recordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"))
            }
            _ = try Self.mapped { () throws(SandboxError) in try state.update(definition.name, id: existing.id, changes: fields) }
            return (Outcome(id: existing.id, errors: []), StoreState.Undo(object: definition.name, id: existing.id, previous: existing))
        }
    }

    /// `DELETE …/composite/sobjects?ids=a,b[&allOrNone=true]`.
    func deleteRecords(_ context: RequestContext) -> SandboxResponse {
        guard Self.isVersion(context.parameter("version")) else { return SalesforceError.notFound }
        let ids = (context.request.queryValue("ids") ?? "").split(separator: ",").map {
            JSONValue.string($0.trimmingCharacters(in: .whitespaces))
        }
        guard !ids.isEmpty else {
            return SalesforceError.response(400, "MISSING_ARGUMENT", "No ids were specified for deletion.")
        }
        let allOrNone = context.request.queryValue("allOrNone")?.lowercased() == "true"
        let definitions = configuration.objects.map(\.definition)
        return write((allOrNone, ids), context: context) { state, value, position -> (Outcome, StoreState.Undo) in
            let id = value.asString ?? ""
            try self.injectedFailure(context, key: id, position: position)
            guard SalesforceID.isWellFormed(id) else {
                throw RecordFailure.error(SalesforceError.recordError("MALFORMED_ID", "malformed id \(id)"))
            }
            guard let definition = definitions.first(where: {
                if case let .salesforce(prefix) = $0.idScheme { return id.hasPrefix(prefix) }
                return false
            }), let existing = try self.existing(id, in: state, object: definition.name) else {
                throw RecordFailure.error(SalesforceError.recordError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"))
            }
            _ = try Self.mapped { () throws(SandboxError) in try state.delete(definition.name, id: existing.id) }
            return (Outcome(id: existing.id, errors: []), StoreState.Undo(object: definition.name, id: existing.id, previous: existing))
        } failedID: { $0.asString }
    }

    // MARK: - The shared batch loop

    /// Runs `apply` for each record in one transaction; with `allOrNone`, any failure
    /// rolls every write back and every record reports failure.
    private func write(_ body: (allOrNone: Bool, records: [JSONValue]), context: RequestContext,
                       apply: (inout StoreState, JSONValue, Int) throws -> (Outcome, StoreState.Undo),
                       failedID: (JSONValue) -> String? = { _ in nil }) -> SandboxResponse {
        guard body.records.count <= configuration.collectionLimit else {
            return SalesforceError.response(400, "EXCEEDED_ID_LIMIT",
                                            "record limit reached. cannot submit more than \(configuration.collectionLimit) records into this call")
        }
        let outcomes = store.transaction { state -> [JSONValue] in
            var outcomes: [Outcome] = []
            var undos: [StoreState.Undo] = []
            for (position, record) in body.records.enumerated() {
                do {
                    let (outcome, undo) = try apply(&state, record, position)
                    outcomes.append(outcome)
                    undos.append(undo)
                } catch let RecordFailure.error(error) {
                    outcomes.append(Outcome(id: failedID(record), errors: [error]))
                } catch {
                    outcomes.append(Outcome(id: failedID(record), errors: [SalesforceError.recordError("UNKNOWN_EXCEPTION", "\(error)")]))
                }
            }
            if body.allOrNone, outcomes.contains(where: { !$0.errors.isEmpty }) {
                state.rollBack(undos)
                let rolledBack = SalesforceError.recordError(
                    "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                    "Record rolled back because not all records were valid and the request was using AllOrNone header")
                outcomes = outcomes.map { outcome in
                    outcome.errors.isEmpty ? Outcome(id: nil, errors: [rolledBack]) : outcome
                }
            }
            return outcomes.map(\.json)
        }
        return .json(200, .array(outcomes))
    }

    // MARK: - Record helpers

    /// `{allOrNone, records}` from the body.
    private func parseBody(_ request: HTTPServerRequest) throws(Refusal) -> (allOrNone: Bool, records: [JSONValue]) {
        let json: JSONValue
        do {
            json = try JSONParser().parse(request.body)
        } catch {
            throw Refusal(SalesforceError.bodyNotJSON(error))
        }
        guard let object = json.asObject, let records = object["records"]?.asArray else {
            throw Refusal(SalesforceError.response(400, "JSON_PARSER_ERROR",
                                                   "The request body must be an object with a 'records' array."))
        }
        return (object["allOrNone"]?.asBool ?? false, records)
    }

    /// The object named by `attributes.type`.
    private func recordType(_ record: JSONValue, in state: StoreState) throws(RecordFailure) -> ObjectDefinition {
        guard let type = record.asObject?["attributes"]?.asObject?["type"]?.asString else {
            throw .error(SalesforceError.recordError("INVALID_TYPE", "Must send a concrete entity type."))
        }
        guard let definition = state.objectName(type).flatMap({ state.tables[$0]?.definition }) else {
            throw .error(SalesforceError.recordError("INVALID_TYPE", "sObject type '\(type)' is not supported."))
        }
        return definition
    }

    /// The record's fields under their canonical names; `attributes` dropped.
    private func writableFields(_ record: JSONValue, definition: ObjectDefinition,
                                allowID: Bool) throws(RecordFailure) -> [String: JSONValue] {
        guard let members = record.asObject else {
            throw .error(SalesforceError.recordError("JSON_PARSER_ERROR", "Each record must be a JSON object."))
        }
        if let type = members["attributes"]?.asObject?["type"]?.asString, type.lowercased() != definition.name.lowercased() {
            throw .error(SalesforceError.recordError("INVALID_TYPE",
                                                     "Record type \(type) does not match the type \(definition.name) in the request."))
        }
        var fields: [String: JSONValue] = [:]
        for (key, value) in members where key != "attributes" {
            let lowered = key.lowercased()
            if lowered == "id" {
                guard allowID else {
                    throw .error(SalesforceError.recordError("INVALID_FIELD_FOR_INSERT_UPDATE",
                                                             "Unable to create/update fields: Id. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                                                             fields: ["Id"]))
                }
                fields["Id"] = value
                continue
            }
            if SalesforceField.readOnlyNames.contains(lowered) {
                throw .error(SalesforceError.recordError("INVALID_FIELD_FOR_INSERT_UPDATE",
                                                         "Unable to create/update fields: \(key). Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                                                         fields: [key]))
            }
            guard let name = definition.canonicalField(key) else {
                throw .error(SalesforceError.recordError("INVALID_FIELD",
                                                         "No such column '\(key)' on sobject of type \(definition.name)",
                                                         fields: [key]))
            }
            fields[name] = value
        }
        return fields
    }

    /// The live record with `id` (15 or 18 characters); `ENTITY_IS_DELETED` when in the
    /// recycle bin, nil when unknown.
    private func existing(_ id: String, in state: StoreState, object: String) throws(RecordFailure) -> SandboxRecord? {
        guard SalesforceID.isWellFormed(id) else {
            throw .error(SalesforceError.recordError("MALFORMED_ID", "malformed id \(id)"))
        }
        guard let table = state.tables[object] else { return nil }
        let record = table[id] ?? (id.count == 15 ? table.records.values.first { $0.id.hasPrefix(id) } : nil)
        if let record, record.isDeleted {
            throw .error(SalesforceError.recordError("ENTITY_IS_DELETED", "entity is deleted"))
        }
        return record
    }

    private func injectedFailure(_ context: RequestContext, key: String?, position: Int) throws(RecordFailure) {
        guard let selector = context.batchFailure, selector.selects(key: key, position: position) else { return }
        throw .error(SalesforceError.recordError("UNABLE_TO_LOCK_ROW",
                                                 "unable to obtain exclusive access to this record or 1 records: \(key ?? "record \(position + 1)")"))
    }

    static func fieldValue(_ record: JSONValue, _ field: String) -> JSONValue? {
        record.asObject?.first { $0.key.lowercased() == field.lowercased() }?.value
    }

    /// Store errors in Salesforce's per-record vocabulary.
    private static func mapped<T>(_ body: () throws(SandboxError) -> T) throws(RecordFailure) -> T {
        do {
            return try body()
        } catch let .uniqueViolation(_, field, existing) {
            throw .error(SalesforceError.recordError("DUPLICATE_VALUE",
                                                     "duplicate value found: \(field) duplicates value on record with id: \(existing)",
                                                     fields: [field]))
        } catch let .missingRequiredFields(_, fields) {
            throw .error(SalesforceError.recordError("REQUIRED_FIELD_MISSING",
                                                     "Required fields are missing: [\(fields.joined(separator: ", "))]",
                                                     fields: fields))
        } catch let .unknownField(object, field) {
            throw .error(SalesforceError.recordError("INVALID_FIELD", "No such column '\(field)' on sobject of type \(object)",
                                                     fields: [field]))
        } catch .recordNotFound {
            throw .error(SalesforceError.recordError("ENTITY_IS_DELETED", "entity is deleted"))
        } catch {
            throw .error(SalesforceError.recordError("UNKNOWN_EXCEPTION", error.description))
        }
    }
}
