import Foundation
import SyncCore
import SyncHTTP

extension PartnerStackConnector {
    /// One request per write; a refusal (400, 409 duplicate, 404) fails only its record,
    /// with the API's body verbatim.
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
                guard (200...299).contains(response.status) else {
                    return .failed(WriteAnswer.failure(response, secrets: secrets))
                }
                let body = try ResponseBody.json(response, remote: remoteName, endpoint: endpoint)
                guard let key = body[key: "data"]?[key: "key"]?.scalarText, !key.isEmpty else {
                    throw .malformedResponse(remote: remoteName, endpoint: endpoint,
                                             reason: "the record was created (HTTP \(response.status)) but the answer has no data.key")
                }
                return .applied(id: key, created: true)
            case .update:
                let key = try recordKey(write)
                let request = writeRequest(.patch, try objectURL(batch.object, key: key), body: fields, idempotent: true)
                let (response, secrets) = try session.answer("PATCH \(batch.object)", request)
                guard (200...299).contains(response.status) else {
                    return .failed(WriteAnswer.failure(response, secrets: secrets))
                }
                return .applied(id: key, created: false)
            case .delete:
                let key = try recordKey(write)
                let request = writeRequest(.delete, try objectURL(batch.object, key: key), body: nil, idempotent: true)
                let (response, secrets) = try session.answer("DELETE \(batch.object)", request)
                // 404: already gone, which is what a delete wants.
                if (200...299).contains(response.status) || response.status == 404 { return .applied(id: key, created: false) }
                return .failed(WriteAnswer.failure(response, secrets: secrets))
            }
        }
    }

    func recordKey(_ write: RecordWrite) throws(ConnectorError) -> String {
        guard let key = write.id, !key.isEmpty else {
            throw .invalidRequest(remote: remoteName, reason: "the \(write.operation.rawValue) \(write.key) has no record key")
        }
        return key
    }
}
