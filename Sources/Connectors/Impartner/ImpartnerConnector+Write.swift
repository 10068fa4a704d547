import Foundation
import SyncCore
import SyncHTTP

extension ImpartnerConnector {
    /// One request per write (`RecordWriter`); a refusal (400 validation, 409 duplicate,
    /// 404) fails only its record, with the portal's body verbatim.
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        let writer = RecordWriter(remote: remoteName, session: session, succeeded: Self.succeeded,
                                  createdID: [ResponsePath("data.id"), ResponsePath("id")].compactMap { $0 })
        return try writer.write(batch) { (id) throws(ConnectorError) -> String in try objectURL(batch.object, id: id) }
    }

    /// 2xx, and not `{"success": false}`.
    static func succeeded(_ response: HTTPResponse) -> Bool {
        guard (200...299).contains(response.status) else { return false }
        guard !response.body.isEmpty, let body = try? JSONParser().parse(response.body) else { return true }
        return body[key: "success"]?.boolValue != false
    }
}
