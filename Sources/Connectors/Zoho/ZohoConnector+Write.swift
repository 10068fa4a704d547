import Foundation
import SyncCore
import SyncHTTP

extension ZohoConnector {
    enum Operation: Sendable {
        case upsert, update, delete
    }

    /// Creates as upserts keyed by `externalIdField`, updates by id, deletes by ids; each
    /// kind in calls of ≤ 100, each record's own result kept.
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        var calls: [WriteLoop.Call<Operation>] = []
        for (operation, kind) in [(Operation.upsert, RecordWrite.Operation.create), (.update, .update), (.delete, .delete)] {
            let writes = batch.writes.filter { $0.operation == kind }
            for chunk in writes.chunked(Self.maxBatch) { calls.append(.init(operation: operation, writes: chunk)) }
        }
        return try WriteLoop.run(calls) { call throws(ConnectorError) in
            try send(call, object: batch.object, externalIdField: batch.externalIdField)
        }
    }

    private func send(_ call: WriteLoop.Call<Operation>, object: String,
                      externalIdField: String?) throws(ConnectorError) -> [WriteOutcome] {
        let writes = Array(call.writes)
        let endpoint: String
        var body: JSONValue?
        var method = HTTPMethod.post
        var suffix: String?
        var query: [URLQueryItem] = []
        switch call.operation {
        case .upsert:
            endpoint = "POST \(object) upsert"
            suffix = "upsert"
            var records: [JSONValue] = []
            for write in writes {
                var fields = write.fields.objectValue ?? [:]
                if let externalIdField, let value = write.externalId { fields[externalIdField] = .string(value) }
                records.append(.object(fields))
            }
            var members: [String: JSONValue] = ["data": .array(records), "trigger": .array([])]
            if let externalIdField { members["duplicate_check_fields"] = .array([.string(externalIdField)]) }
            body = .object(members)
        case .update:
            endpoint = "PUT \(object)"
            method = .put
            var records: [JSONValue] = []
            for write in writes {
                var fields = write.fields.objectValue ?? [:]
                fields["id"] = .string(try recordID(write))
                records.append(.object(fields))
            }
            body = .object(["data": .array(records), "trigger": .array([])])
        case .delete:
            endpoint = "DELETE \(object)"
            method = .delete
            var ids: [String] = []
            for write in writes { ids.append(try recordID(write)) }
            query = [URLQueryItem(name: "ids", value: ids.joined(separator: ","))]
        }
        let response = try session.send(endpoint) { access throws(ConnectorError) in
            var request = HTTPRequest(method, try moduleURL(object, suffix, access: access), query: query,
                                      headers: ["Accept": "application/json"], body: body.map(JSONWriter.data))
            if body != nil { request.headers["Content-Type"] = "application/json" }
            request.idempotent = call.operation != .upsert || externalIdField != nil
            // Zoho answers 400 with per-record results when every record failed.
            request.acceptedStatuses = HTTPRequest.successStatuses.union([400])
            return request
        }
        let results = try ResponseBody.object(response, remote: remoteName, endpoint: endpoint)["data"]?.arrayValue
        guard let results, results.count == writes.count else {
            if response.status == 400 {
                let detail = RemoteErrorDetail.parse(response.body)
                throw .rejected(remote: remoteName, endpoint: endpoint, status: 400, code: detail?.code,
                                message: detail?.message ?? "HTTP 400")
            }
            throw .malformedResponse(remote: remoteName, endpoint: endpoint,
                                     reason: "expected \(writes.count) results in data, got \(results?.count ?? 0)")
        }
        return zip(writes, results).map { write, result in
            WriteOutcome(key: write.key, result: outcome(result, write: write, status: response.status))
        }
    }

    /// One record's `{code, details, message, status}`.
    private func outcome(_ result: JSONValue, write: RecordWrite, status: Int) -> WriteOutcome.Result {
        let code = result[key: "code"]?.stringValue
        if result[key: "status"]?.stringValue == "success",
           let id = result[key: "details"]?[key: "id"]?.scalarText ?? write.id {
            return .applied(id: id, created: result[key: "action"]?.stringValue == "insert")
        }
        let message = result[key: "message"]?.stringValue ?? "no message"
        let field = result[key: "details"]?[key: "api_name"]?.stringValue.map { " (\($0))" } ?? ""
        return .failed(RemoteFailure(status: status, code: code, message: message + field,
                                     retryable: ["TOO_MANY_REQUESTS", "INTERNAL_ERROR", "RECORD_LOCKED"].contains(code ?? ""),
                                     raw: JSONWriter.string(result)))
    }

    func recordID(_ write: RecordWrite) throws(ConnectorError) -> String {
        guard let id = write.id, !id.isEmpty else {
            throw .invalidRequest(remote: remoteName, reason: "the \(write.operation.rawValue) \(write.key) has no record id")
        }
        return id
    }
}
