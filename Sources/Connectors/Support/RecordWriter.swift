import Foundation
import SyncCore
import SyncHTTP

/// Writes of an object API with no batch endpoint (Impartner, PartnerStack): `POST` on the
/// collection, `PATCH` and `DELETE` on the record, one request per record through
/// `WriteLoop`. A refusal (400 validation, 409 duplicate, 404) fails only its record, with
/// the remote's body verbatim; a `DELETE` answered 404 is done (already gone).
struct RecordWriter {
    let remote: String
    let session: APISession
    /// Whether a 2xx answer means the write was done (some APIs say `{"success": false}`).
    var succeeded: (HTTPResponse) -> Bool = { (200...299).contains($0.status) }
    /// Where a create's answer holds the new record's id, tried in order.
    var createdID: [ResponsePath]

    /// - Parameter url: the collection's URL for nil, a record's for its id.
    func write(_ batch: WriteBatch, url: (String?) throws(ConnectorError) -> String) throws(ConnectorError) -> [WriteOutcome] {
        let collection = try url(nil)
        let externalIdPath = batch.externalIdField.flatMap(ResponsePath.init)
        return try WriteLoop.run(batch.writes) { write throws(ConnectorError) -> WriteOutcome.Result in
            let fields = write.body(externalIdAt: externalIdPath)
            switch write.operation {
            case .create:
                let endpoint = "POST \(batch.object)"
                let (response, secrets) = try session.answer(endpoint, Self.request(.post, collection, body: fields, idempotent: false))
                guard succeeded(response) else { return .failed(WriteAnswer.failure(response, secrets: secrets)) }
                let body = try ResponseBody.json(response, remote: remote, endpoint: endpoint)
                guard let id = createdID.lazy.compactMap({ $0.read(body)?.scalarText }).first(where: { !$0.isEmpty }) else {
                    let paths = createdID.map(\.description).joined(separator: " or ")
                    throw .malformedResponse(remote: remote, endpoint: endpoint,
                                             reason: "the record was created (HTTP \(response.status)) but the answer has no \(paths)")
                }
                return .applied(id: id, created: true)
            case .update:
                let id = try recordID(write)
                let request = Self.request(.patch, try url(id), body: fields, idempotent: true)
                let (response, secrets) = try session.answer("PATCH \(batch.object)", request)
                guard succeeded(response) else { return .failed(WriteAnswer.failure(response, secrets: secrets)) }
                return .applied(id: id, created: false)
            case .delete:
                let id = try recordID(write)
                let request = Self.request(.delete, try url(id), body: nil, idempotent: true)
                let (response, secrets) = try session.answer("DELETE \(batch.object)", request)
                if succeeded(response) || response.status == 404 { return .applied(id: id, created: false) }
                return .failed(WriteAnswer.failure(response, secrets: secrets))
            }
        }
    }

    private func recordID(_ write: RecordWrite) throws(ConnectorError) -> String {
        guard let id = write.id, !id.isEmpty else {
            throw .invalidRequest(remote: remote, reason: "the \(write.operation.rawValue) \(write.key) has no record id")
        }
        return id
    }

    /// A JSON write request that answers about its record (see `WriteAnswer`).
    static func request(_ method: HTTPMethod, _ url: String, body: JSONValue?, idempotent: Bool) -> HTTPRequest {
        var request = HTTPRequest(method, url, headers: ["Accept": "application/json"], body: body.map(JSONWriter.data))
        if body != nil { request.headers["Content-Type"] = "application/json" }
        request.idempotent = idempotent
        request.acceptedStatuses = WriteAnswer.acceptedStatuses(authFailures: [401])
        return request
    }
}
