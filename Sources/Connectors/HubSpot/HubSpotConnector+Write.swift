import Foundation
import SyncCore
import SyncHTTP

extension HubSpotConnector {
    /// HubSpot batch endpoints, 100 inputs a call. Requests:
    /// `ceil(upserts/100) + ceil(creates/100) + ceil(updates/100) + ceil(archives/100)`,
    /// plus one per record named twice in a call's worth (HubSpot refuses the call),
    /// where a create (or id-less update) with an external id is an upsert keyed by the
    /// batch's `externalIdField` as `idProperty`, so repeating it after a crash updates.
    /// A 207 fails only the inputs its `errors[]` name, with HubSpot's error verbatim;
    /// a call refused as a whole (400/404/409) fails every input in it. A failure of the
    /// remote part-way (daily quota, an outage) keeps the outcomes already known and fails
    /// the rest retryably (`WriteLoop`); before anything was applied it throws.
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        try checkObject(batch.object)
        if let field = batch.externalIdField, !Self.isName(field) {
            throw ConnectorError.invalidRequest(remote: remote, reason: "'\(field)' is not a valid HubSpot property name")
        }
        var plan = HubSpotWritePlan()
        var outcomes: [WriteOutcome] = []
        for write in batch.writes {
            if let reason = plan.add(write, idProperty: batch.externalIdField) {
                outcomes.append(WriteOutcome(key: write.key, result: .failed(RemoteFailure(
                    status: nil, code: "CHANNELSYNC_INVALID_WRITE", message: reason, retryable: false))))
            }
        }
        let limit = limits.maxBatch
        var calls: [WriteLoop.Call<BatchOperation>] = []
        if let field = batch.externalIdField {
            calls += plan.upserts.chunked(limit, distinct: \.externalId).map { .init(operation: .upsert(idProperty: field), writes: $0) }
        }
        calls += plan.creates.chunked(limit).map { .init(operation: .create, writes: $0) }
        calls += plan.updates.chunked(limit, distinct: \.id).map { .init(operation: .update, writes: $0) }
        calls += plan.archives.chunked(limit, distinct: \.id).map { .init(operation: .archive, writes: $0) }
        outcomes += try WriteLoop.run(calls, createsLookedUp: batch.externalIdField != nil) {
            (call) throws(ConnectorError) -> [WriteOutcome] in
            try send(Array(call.writes), object: batch.object, operation: call.operation)
        }
        return outcomes
    }

    private func send(_ writes: [RecordWrite], object: String, operation: BatchOperation) throws(ConnectorError) -> [WriteOutcome] {
        let endpoint = "POST \(object) batch/\(operation.path)"
        let inputs = writes.map { input($0, operation: operation) }
        let data = JSONWriter.data(.object(["inputs": .array(inputs)]))
        let response: HTTPResponse
        do {
            response = try session.send(endpoint) { _ in
                var request = HTTPRequest(.post, objectsURL(object) + "/batch/" + operation.path,
                                          headers: ["Content-Type": "application/json", "Accept": "application/json"], body: data)
                // A plain create repeated after it may have reached HubSpot would duplicate.
                if case .create = operation { request.idempotent = false }
                return request
            }
        } catch .rejected(_, _, let status, let code, let message) {
            let failure = RemoteFailure(status: status, code: code, message: message, retryable: false)
            return writes.map { WriteOutcome(key: $0.key, result: .failed(failure)) }
        }
        if case .archive = operation, response.status == 204 || response.body.isEmpty {
            return writes.map { WriteOutcome(key: $0.key, result: .applied(id: $0.id ?? "", created: false)) }
        }
        let body = try ResponseBody.object(response, remote: remote, endpoint: endpoint)
        // A batch answer always has `results` (207: possibly empty, with `errors`). Without
        // either, what HubSpot applied is unknown: WriteLoop leaves creates to be looked up.
        let results = body["results"]?.arrayValue
        let errors = body["errors"]?.arrayValue
        guard results != nil || errors != nil else {
            throw ConnectorError.malformedResponse(remote: remote, endpoint: endpoint,
                                                   reason: "the batch answer has neither 'results' nor 'errors'")
        }
        return HubSpotBatchResult(writes: writes, operation: operation, status: response.status)
            .outcomes(results: results ?? [], errors: errors ?? [])
    }

    /// One input: `{id?, idProperty?, properties, objectWriteTraceId}`; the trace id is the
    /// write's key, so results and errors can be matched back to intents.
    private func input(_ write: RecordWrite, operation: BatchOperation) -> JSONValue {
        var members: [String: JSONValue] = ["objectWriteTraceId": .string(write.key)]
        switch operation {
        case .upsert(let idProperty):
            members["id"] = .string(write.externalId ?? "")
            members["idProperty"] = .string(idProperty)
        case .update, .archive:
            members["id"] = .string(write.id ?? "")
        case .create:
            break
        }
        if case .archive = operation {
            members["objectWriteTraceId"] = nil
        } else {
            var properties: [String: JSONValue] = [:]
            if case .object(let fields) = write.fields { properties = fields }
            if case .upsert(let idProperty) = operation, let key = write.externalId { properties[idProperty] = .string(key) }
            members["properties"] = .object(properties)
        }
        return .object(members)
    }
}
