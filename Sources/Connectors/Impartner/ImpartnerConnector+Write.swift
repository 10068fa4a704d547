import Foundation
import SyncCore
import SyncHTTP

extension ImpartnerConnector {
    /// One request per write; a refusal (400 validation, 409 duplicate, 404) fails only its
    /// record, with the portal's body verbatim.
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        let collection = try objectURL(batch.object)
        let externalIdPath = batch.externalIdField.flatMap(ResponsePath.init)
        return try SingleWriteLoop.run(batch.writes) { write throws(ConnectorError) -> WriteOutcome.Result in
            var fields = write.fields.objectValue.map(JSONValue.object) ?? .object([:])
            if let externalIdPath, let value = write.externalId {
                fields = externalIdPath.write(.string(value), into: fields)
            }
            switch write.operation {
            case .create:
                let endpoint = "POST \(batch.object)"
                let request = writeRequest(.post, collection, body: fields, idempotent: false)
                let (response, secrets) = try session.answer(endpoint, request)
                guard Self.succeeded(response) else { return .failed(WriteAnswer.failure(response, secrets: secrets)) }
                let body = try ResponseBody.json(response, remote: remoteName, endpoint: endpoint)
                guard let id = (body[key: "data"]?[key: "id"] ?? body[key: "id"])?.scalarText, !id.isEmpty else {
                    throw .malformedResponse(remote: remoteName, endpoint: endpoint,
                                             reason: "the record was created (HTTP \(response.status)) but the answer has no id")
                }
                return .applied(id: id, created: true)
            case .update:
                let id = try recordID(write)
                let request = writeRequest(.patch, try objectURL(batch.object, id: id), body: fields, idempotent: true)
                let (response, secrets) = try session.answer("PATCH \(batch.object)", request)
                guard Self.succeeded(response) else { return .failed(WriteAnswer.failure(response, secrets: secrets)) }
                return .applied(id: id, created: false)
            case .delete:
                let id = try recordID(write)
                let request = writeRequest(.delete, try objectURL(batch.object, id: id), body: nil, idempotent: true)
                let (response, secrets) = try session.answer("DELETE \(batch.object)", request)
                // 404: already gone, which is what a delete wants.
                if Self.succeeded(response) || response.status == 404 { return .applied(id: id, created: false) }
                return .failed(WriteAnswer.failure(response, secrets: secrets))
            }
        }
    }

    func recordID(_ write: RecordWrite) throws(ConnectorError) -> String {
        guard let id = write.id, !id.isEmpty else {
            throw .invalidRequest(remote: remoteName, reason: "the \(write.operation.rawValue) \(write.key) has no record id")
        }
        return id
    }

    /// 2xx, and not `{"success": false}`.
    static func succeeded(_ response: HTTPResponse) -> Bool {
        guard (200...299).contains(response.status) else { return false }
        guard !response.body.isEmpty, let body = try? JSONParser().parse(response.body) else { return true }
        return body[key: "success"]?.boolValue != false
    }
}
