import Foundation
import SyncCore
import SyncHTTP

extension GenericRESTConnector {
    /// One request per write (two for a merged PUT); a refusal fails only its record, with
    /// the remote's body verbatim (see `WriteLoop` for failures of the remote itself).
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        let settings = options.settings(for: batch.object)
        let externalIdPath = batch.externalIdField.flatMap(ResponsePath.init)
        return try WriteLoop.run(batch.writes, createsLookedUp: batch.createsLookedUp) { write throws(ConnectorError) -> WriteOutcome.Result in
            let fields = write.body(externalIdAt: externalIdPath)
            switch write.operation {
            case .create: return try create(fields, object: batch.object, settings: settings)
            case .update: return try update(fields, id: write.id, key: write.key, object: batch.object, settings: settings)
            case .delete: return try delete(id: write.id, key: write.key, object: batch.object, settings: settings)
            }
        }
    }

    private func create(_ fields: JSONValue, object: String, settings: GenericRESTSettings) throws(ConnectorError)
        -> WriteOutcome.Result {
        let endpoint = "\(settings.create.method) \(object) create"
        let request = writeRequest(settings.create.method, url(settings.create.path, object: object),
                                   body: settings.create.envelope.wrap(fields), idempotent: false)
        let (response, secrets) = try session.answer(endpoint, request)
        guard (200...299).contains(response.status) else {
            return .failed(WriteAnswer.failure(response, secrets: secrets, codePath: settings.errorCode))
        }
        guard let id = createdID(response, settings: settings) else {
            let place = settings.create.idPath.map { "'\($0)'" } ?? "'\(settings.record.id)' (or in the detail envelope, or a Location header)"
            throw .malformedResponse(
                remote: remoteName, endpoint: endpoint,
                reason: "the record was created (HTTP \(response.status)) but the answer has no id at \(place); set create.idPath")
        }
        return .applied(id: id, created: true)
    }

    /// The new record's id: at `create.idPath`, else the record id at the body's root or in
    /// the detail envelope, else the last segment of a `Location` header.
    private func createdID(_ response: HTTPResponse, settings: GenericRESTSettings) -> String? {
        let body = response.body.isEmpty ? nil : try? JSONParser().parse(response.body)
        if let path = settings.create.idPath {
            return body.flatMap { path.read($0)?.scalarText }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let candidates = [settings.record.id, settings.detail.envelope.appending(settings.record.id)]
        for path in candidates {
            if let id = body.flatMap({ path.read($0)?.scalarText }), !id.isEmpty { return id }
        }
        guard let location = response.headers["Location"] else { return nil }
        let path = location.split(separator: "?").first.map(String.init) ?? location
        let last = path.split(separator: "/").last.map(String.init)
        return last?.removingPercentEncoding ?? last
    }

    private func update(_ changes: JSONValue, id: String?, key: String, object: String, settings: GenericRESTSettings)
        throws(ConnectorError) -> WriteOutcome.Result {
        guard let id, !id.isEmpty else {
            throw .invalidRequest(remote: remoteName, reason: "the update \(key) has no record id")
        }
        var fields = changes
        if settings.update.merge {
            let endpoint = "GET \(object) detail"
            var read = HTTPRequest(.get, url(settings.detail.path, object: object, id: id), headers: ["Accept": "application/json"])
            read.acceptedStatuses = WriteAnswer.acceptedStatuses(authFailures: options.authFailureStatuses)
            let (response, secrets) = try session.answer(endpoint, read)
            guard (200...299).contains(response.status) else {
                return .failed(WriteAnswer.failure(response, secrets: secrets, codePath: settings.errorCode))
            }
            let body = try ResponseBody.json(response, remote: remoteName, endpoint: endpoint)
            guard let current = settings.detail.envelope.read(body), case .object = current else {
                throw .malformedResponse(remote: remoteName, endpoint: endpoint,
                                         reason: "no record object at '\(settings.detail.envelope)' (\(GenericRESTRecords.outline(body))); check detail.envelope")
            }
            fields = Self.merge(changes, into: current)
            if case .object(var members) = fields {
                for name in settings.update.readOnly { members[name] = nil }
                fields = .object(members)
            }
        }
        let method = settings.update.method
        let request = writeRequest(method, url(settings.update.path, object: object, id: id),
                                   body: settings.update.envelope.wrap(fields), idempotent: method != .post)
        let (response, secrets) = try session.answer("\(method) \(object) update", request)
        guard (200...299).contains(response.status) else {
            return .failed(WriteAnswer.failure(response, secrets: secrets, codePath: settings.errorCode))
        }
        return .applied(id: id, created: false)
    }

    private func delete(id: String?, key: String, object: String, settings: GenericRESTSettings) throws(ConnectorError)
        -> WriteOutcome.Result {
        guard let path = settings.delete else {
            return .failed(RemoteFailure(status: nil, code: "DELETE_NOT_SUPPORTED",
                                         message: "\(remoteName) is configured without deletes (delete.enabled: false)",
                                         retryable: false))
        }
        guard let id, !id.isEmpty else {
            throw .invalidRequest(remote: remoteName, reason: "the delete \(key) has no record id")
        }
        var request = HTTPRequest(.delete, url(path, object: object, id: id), headers: ["Accept": "application/json"])
        request.acceptedStatuses = WriteAnswer.acceptedStatuses(authFailures: options.authFailureStatuses)
        let (response, secrets) = try session.answer("DELETE \(object)", request)
        // 404: already gone, which is what a delete wants.
        if (200...299).contains(response.status) || response.status == 404 { return .applied(id: id, created: false) }
        return .failed(WriteAnswer.failure(response, secrets: secrets, codePath: settings.errorCode))
    }

    /// `changes` laid over `record`: nested objects merged key by key, anything else replaced.
    static func merge(_ changes: JSONValue, into record: JSONValue) -> JSONValue {
        guard case .object(let new) = changes, case .object(var out) = record else { return changes }
        for (key, value) in new {
            out[key] = out[key].map { merge(value, into: $0) } ?? value
        }
        return .object(out)
    }
}
