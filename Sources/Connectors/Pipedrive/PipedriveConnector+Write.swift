import Foundation
import SyncCore
import SyncHTTP

extension PipedriveConnector {
    /// One request per write (Pipedrive has no batch create or update); a refusal (400
    /// validation, 404) fails only its record, with the API's body verbatim.
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        let collection = try objectURL(batch.object)
        let externalIdPath = batch.externalIdField.flatMap(ResponsePath.init)
        return try WriteLoop.run(batch.writes) { write throws(ConnectorError) -> WriteOutcome.Result in
            var fields = write.fields.objectValue.map(JSONValue.object) ?? .object([:])
            if let externalIdPath, let value = write.externalId {
                fields = externalIdPath.write(.string(value), into: fields)
            }
            let request: HTTPRequest
            let endpoint: String
            switch write.operation {
            case .create:
                (endpoint, request) = ("POST \(batch.object)", writeRequest(.post, collection, body: fields, idempotent: false))
            case .update:
                let url = try objectURL(batch.object, id: try recordID(write))
                (endpoint, request) = ("PATCH \(batch.object)", writeRequest(.patch, url, body: fields, idempotent: true))
            case .delete:
                let url = try objectURL(batch.object, id: try recordID(write))
                (endpoint, request) = ("DELETE \(batch.object)", writeRequest(.delete, url, body: nil, idempotent: true))
            }
            let (response, secrets) = try session.answer(endpoint, request)
            // 404 on a delete: already gone, which is what a delete wants.
            if write.operation == .delete, response.status == 404, let id = write.id { return .applied(id: id, created: false) }
            guard (200...299).contains(response.status) else { return .failed(WriteAnswer.failure(response, secrets: secrets)) }
            let body = try ResponseBody.json(response, remote: remoteName, endpoint: endpoint)
            guard let id = body[key: "data"]?[key: "id"]?.scalarText ?? write.id, !id.isEmpty else {
                throw .malformedResponse(remote: remoteName, endpoint: endpoint,
                                         reason: "the write answered HTTP \(response.status) without data.id")
            }
            return .applied(id: id, created: write.operation == .create)
        }
    }

    func recordID(_ write: RecordWrite) throws(ConnectorError) -> String {
        guard let id = write.id, !id.isEmpty else {
            throw .invalidRequest(remote: remoteName, reason: "the \(write.operation.rawValue) \(write.key) has no record id")
        }
        return id
    }

    func writeRequest(_ method: HTTPMethod, _ url: String, body: JSONValue?, idempotent: Bool) -> HTTPRequest {
        var request = HTTPRequest(method, url, headers: ["Accept": "application/json"], body: body.map(JSONWriter.data))
        if body != nil { request.headers["Content-Type"] = "application/json" }
        request.idempotent = idempotent
        request.acceptedStatuses = WriteAnswer.acceptedStatuses(authFailures: [401])
        return request
    }
}
