import Foundation
import SyncCore
import SyncHTTP

extension SalesforceConnector {
    /// Per-record error codes worth retrying next cycle unchanged.
    static let retryableRecordCodes: Set<String> = [
        "UNABLE_TO_LOCK_ROW", "REQUEST_RUNNING_TOO_LONG", "SERVER_UNAVAILABLE", "QUERY_TIMEOUT",
        "ALL_OR_NONE_OPERATION_ROLLED_BACK",
    ]

    /// sObject Collections with `allOrNone: false`, 200 records a call. Requests:
    /// `ceil(upserts/200) + ceil(updates/200) + ceil(creates/200) + ceil(deletes/200)`,
    /// plus one per record named twice in a call's worth (it starts the next call),
    /// where a create or an id-less update with an external id is an upsert
    /// (`PATCH composite/sobjects/{T}/{externalIdField}`), so repeating it after a crash
    /// updates instead of duplicating. A record the API refuses fails alone, with the
    /// remote's `errors` verbatim; a request the API refuses as a whole (400/404) fails
    /// every record in it. A failure of the remote part-way (quota, an outage) keeps the
    /// outcomes already known and fails the rest retryably (`WriteLoop`); before anything
    /// was applied it throws (no outcome known).
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        try checkObject(batch.object)
        if let field = batch.externalIdField, !SOQLText.isIdentifier(field) {
            throw ConnectorError.invalidRequest(remote: remote, reason: "'\(field)' is not a valid external-id field name")
        }
        var plan = SalesforceWritePlan()
        var outcomes: [WriteOutcome] = []
        for write in batch.writes {
            switch plan.add(write, externalIdField: batch.externalIdField) {
            case .some(let reason):
                outcomes.append(WriteOutcome(key: write.key, result: .failed(RemoteFailure(
                    status: nil, code: "CHANNELSYNC_INVALID_WRITE", message: reason, retryable: false))))
            case .none:
                break
            }
        }
        let limit = limits.maxBatch
        var calls: [WriteLoop.Call<CollectionOperation>] = []
        if let field = batch.externalIdField {
            calls += plan.upserts.chunked(limit, distinct: \.externalId).map { .init(operation: .upsert(field: field), writes: $0) }
        }
        calls += plan.updates.chunked(limit, distinct: \.id).map { .init(operation: .update, writes: $0) }
        calls += plan.creates.chunked(limit).map { .init(operation: .create, writes: $0) }
        calls += plan.deletes.chunked(limit, distinct: \.id).map { .init(operation: .delete, writes: $0) }
        outcomes += try WriteLoop.run(calls) { (call) throws(ConnectorError) -> [WriteOutcome] in
            try send(Array(call.writes), object: batch.object, operation: call.operation)
        }
        return outcomes
    }

    private func send(_ writes: [RecordWrite], object: String, operation: CollectionOperation) throws(ConnectorError) -> [WriteOutcome] {
        let endpoint = "\(operation.label) composite/sobjects \(object)"
        let response: HTTPResponse
        do {
            response = try session.send(endpoint) { (access) throws(ConnectorError) -> HTTPRequest in
                try request(writes, object: object, operation: operation, base: dataURL(access))
            }
        } catch .rejected(_, _, let status, let code, let message) {
            // Refused as a whole (bad field, bad external-id field): nothing was written.
            let failure = RemoteFailure(status: status, code: code, message: message, retryable: false)
            return writes.map { WriteOutcome(key: $0.key, result: .failed(failure)) }
        }
        let results = try ResponseBody.array(response, remote: remote, endpoint: endpoint)
        guard results.count == writes.count else {
            throw .malformedResponse(remote: remote, endpoint: endpoint,
                                     reason: "\(results.count) results for \(writes.count) records")
        }
        var outcomes: [WriteOutcome] = []
        outcomes.reserveCapacity(writes.count)
        for (write, result) in zip(writes, results) {
            outcomes.append(WriteOutcome(key: write.key, result: outcome(of: result, for: write, operation: operation,
                                                                         status: response.status)))
        }
        return outcomes
    }

    private func outcome(of result: JSONValue, for write: RecordWrite, operation: CollectionOperation, status: Int) -> WriteOutcome.Result {
        if result[key: "success"]?.boolValue == true {
            let id = result[key: "id"]?.stringValue ?? write.id ?? ""
            let created: Bool
            switch operation {
            case .upsert: created = result[key: "created"]?.boolValue ?? false
            case .create: created = true
            case .update, .delete: created = false
            }
            return .applied(id: id, created: created)
        }
        let errors = result[key: "errors"] ?? .array([])
        let detail = RemoteErrorDetail.parse(errors)
        let code = detail?.code
        return .failed(RemoteFailure(
            status: status, code: code, message: detail?.message ?? "the record was not written and Salesforce gave no error",
            retryable: code.map(Self.retryableRecordCodes.contains) ?? false, raw: JSONWriter.string(errors)))
    }

    private func request(_ writes: [RecordWrite], object: String, operation: CollectionOperation,
                         base: String) throws(ConnectorError) -> HTTPRequest {
        var request: HTTPRequest
        switch operation {
        case .delete:
            let ids = writes.compactMap(\.id).joined(separator: ",")
            request = HTTPRequest(.delete, base + "/composite/sobjects", query: [
                URLQueryItem(name: "ids", value: ids), URLQueryItem(name: "allOrNone", value: "false"),
            ])
        case .upsert(let field):
            request = HTTPRequest(.patch, base + "/composite/sobjects/\(object)/\(field)")
            request.body = body(writes.map { record($0, object: object, externalIdField: field, includeID: false) })
        case .update:
            request = HTTPRequest(.patch, base + "/composite/sobjects")
            request.body = body(writes.map { record($0, object: object, externalIdField: nil, includeID: true) })
        case .create:
            request = HTTPRequest(.post, base + "/composite/sobjects")
            request.body = body(writes.map { record($0, object: object, externalIdField: nil, includeID: false) })
            // A plain create repeated after it may have reached Salesforce would duplicate.
            request.idempotent = false
        }
        request.headers["Accept"] = "application/json"
        if request.body != nil { request.headers["Content-Type"] = "application/json" }
        return request
    }

    private func body(_ records: [JSONValue]) -> Data {
        JSONWriter.data(.object(["allOrNone": .bool(false), "records": .array(records)]))
    }

    /// `{attributes: {type}, [id], [externalIdField: externalId], …fields}`; `Id` and
    /// `attributes` in the mapped fields are dropped (the API refuses them).
    private func record(_ write: RecordWrite, object: String, externalIdField: String?, includeID: Bool) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if case .object(let fields) = write.fields {
            members.reserveCapacity(fields.count + 3)
            // (The length test first: lowercasing every field name allocated a string.)
            for (name, value) in fields where name != "attributes" && !(name.utf8.count == 2 && name.lowercased() == "id") {
                members[name] = value
            }
        }
        members["attributes"] = .object(["type": .string(object)])
        if includeID, let id = write.id { members["id"] = .string(id) }
        if let externalIdField, let externalId = write.externalId { members[externalIdField] = .string(externalId) }
        return .object(members)
    }
}
