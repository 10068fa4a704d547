import SyncCore

extension ZohoAPI {
    static func recordError(_ code: String, _ message: String, apiName: String) -> JSONValue {
        .object(["code": .string(code), "details": .object(["api_name": .string(apiName)]), "message": .string(message),
                 "status": .string("error")])
    }

    static func recordSuccess(_ record: SandboxRecord, message: String, extra: [String: JSONValue] = [:]) -> JSONValue {
        var out: [String: JSONValue] = [
            "code": .string("SUCCESS"), "message": .string(message), "status": .string("success"),
            "details": .object([
                "id": .string(record.id),
                "Modified_Time": .string(SandboxTime.wholeSeconds(record.modifiedAt, zone: "+00:00")),
                "Created_Time": .string(SandboxTime.wholeSeconds(record.createdAt, zone: "+00:00")),
            ]),
        ]
        for (key, value) in extra { out[key] = value }
        return .object(out)
    }

    /// 200 when any record succeeded, else 400 (Zoho's answer when the whole batch failed),
    /// with one result per input, in order.
    static func results(_ results: [JSONValue]) -> SandboxResponse {
        let anySuccess = results.contains { $0.asObject?["status"] == .string("success") }
        return .json(anySuccess ? 200 : 400, .object(["data": .array(results)]))
    }

    /// The `data` list of a write body, 1…batchLimit records.
    private func records(_ context: RequestContext) throws(Refusal) -> (ObjectDefinition, [String: JSONValue], [[String: JSONValue]]) {
        let definition = try module(context)
        guard let body = (try? JSONParser().parse(context.request.body))?.asObject,
              let data = body["data"]?.asArray else {
            throw Refusal(Self.error(400, "INVALID_DATA", "body must be {\"data\": [...]}"))
        }
        guard (1...configuration.batchLimit).contains(data.count) else {
            throw Refusal(Self.error(400, "LIMIT_EXCEEDED", "data: between 1 and \(configuration.batchLimit) records"))
        }
        return (definition, body, data.map { $0.asObject ?? [:] })
    }

    private static let readOnly = ["Modified_Time", "Created_Time", "Modified_By", "Created_By"]

    /// `POST /crm/v8/{module}/upsert` `{data, duplicate_check_fields}`: each record updates
    /// the live record whose check field matches, else is inserted.
    func upsert(_ context: RequestContext) -> SandboxResponse {
        do {
            let (definition, body, data) = try records(context)
            let checks = body["duplicate_check_fields"]?.asArray?.compactMap(\.asString) ?? definition.uniqueFields
            if let bad = checks.first(where: { !definition.uniqueFields.contains($0) }) {
                return Self.error(400, "INVALID_DATA", "duplicate_check_fields: \(bad) is not a unique field",
                                  details: ["api_name": .string(bad)])
            }
            var results: [JSONValue] = []
            for (position, fields) in data.enumerated() {
                let key = checks.lazy.compactMap { fields[$0]?.displayText }.first
                if context.batchFailure?.selects(key: key, position: position) == true {
                    results.append(Self.recordError("INVALID_DATA", "invalid data", apiName: checks.first ?? "id"))
                    continue
                }
                if let field = Self.readOnly.first(where: { fields[$0] != nil }) ?? (fields["id"] != nil ? "id" : nil) {
                    results.append(Self.recordError("INVALID_DATA", "the field is read only", apiName: field))
                    continue
                }
                results.append(store.transaction { (state: inout StoreState) -> JSONValue in
                    var match: (String, SandboxRecord)?
                    for field in checks {
                        if let value = fields[field], let found = state.tables[definition.name]?.lookup(field: field, value: value) {
                            match = (field, found)
                            break
                        }
                    }
                    do throws(SandboxError) {
                        if let (field, existing) = match {
                            let record = try state.update(definition.name, id: existing.id, changes: fields)
                            return Self.recordSuccess(record, message: "record updated",
                                                      extra: ["action": .string("update"), "duplicate_field": .string(field)])
                        }
                        let record = try state.create(definition.name, fields: fields)
                        return Self.recordSuccess(record, message: "record added",
                                                  extra: ["action": .string("insert"), "duplicate_field": .null])
                    } catch {
                        return Self.writeError(error)
                    }
                })
            }
            return Self.results(results)
        } catch {
            return error.response
        }
    }

    /// `PUT /crm/v8/{module}` `{data: [{id, …}]}`.
    func update(_ context: RequestContext) -> SandboxResponse {
        do {
            let (definition, _, data) = try records(context)
            var results: [JSONValue] = []
            for (position, fields) in data.enumerated() {
                guard let id = fields["id"]?.displayText else {
                    results.append(Self.recordError("MANDATORY_NOT_FOUND", "required field not found", apiName: "id"))
                    continue
                }
                if context.batchFailure?.selects(key: id, position: position) == true {
                    results.append(Self.recordError("INVALID_DATA", "invalid data", apiName: "id"))
                    continue
                }
                var changes = fields
                changes["id"] = nil
                if let field = Self.readOnly.first(where: { changes[$0] != nil }) {
                    results.append(Self.recordError("INVALID_DATA", "the field is read only", apiName: field))
                    continue
                }
                results.append(store.transaction { (state: inout StoreState) -> JSONValue in
                    do throws(SandboxError) {
                        return Self.recordSuccess(try state.update(definition.name, id: id, changes: changes),
                                                  message: "record updated")
                    } catch {
                        return Self.writeError(error)
                    }
                })
            }
            return Self.results(results)
        } catch {
            return error.response
        }
    }

    /// `DELETE /crm/v8/{module}?ids=a,b,…` (≤ 100): to the recycle bin.
    func delete(_ context: RequestContext) -> SandboxResponse {
        do {
            let definition = try module(context)
            let ids = (context.request.queryValue("ids") ?? "").split(separator: ",").map(String.init)
            guard (1...configuration.batchLimit).contains(ids.count) else {
                return Self.error(400, "INVALID_DATA", "ids: between 1 and \(configuration.batchLimit)",
                                  details: ["param_name": .string("ids")])
            }
            var results: [JSONValue] = []
            for (position, id) in ids.enumerated() {
                if context.batchFailure?.selects(key: id, position: position) == true {
                    results.append(Self.recordError("INVALID_DATA", "invalid data", apiName: "id"))
                    continue
                }
                do {
                    try store.transaction { (state: inout StoreState) throws(SandboxError) in
                        _ = try state.delete(definition.name, id: id)
                    }
                    results.append(.object(["code": .string("SUCCESS"), "details": .object(["id": .string(id)]),
                                            "message": .string("record deleted"), "status": .string("success")]))
                } catch {
                    results.append(.object(["code": .string("INVALID_DATA"), "details": .object(["id": .string(id)]),
                                            "message": .string("record not deleted"), "status": .string("error")]))
                }
            }
            return Self.results(results)
        } catch {
            return error.response
        }
    }

    static func writeError(_ error: SandboxError) -> JSONValue {
        switch error {
        case let .missingRequiredFields(_, fields):
            return recordError("MANDATORY_NOT_FOUND", "required field not found", apiName: fields.first ?? "")
        case let .uniqueViolation(_, field, existing):
            return .object(["code": .string("DUPLICATE_DATA"), "message": .string("duplicate data"),
                            "status": .string("error"),
                            "details": .object(["api_name": .string(field), "id": .string(existing)])])
        case .recordNotFound:
            return recordError("INVALID_DATA", "the related id given seems to be invalid", apiName: "id")
        default:
            return recordError("INVALID_DATA", error.description, apiName: "")
        }
    }
}
