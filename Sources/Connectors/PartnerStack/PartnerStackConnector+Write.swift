import Foundation
import SyncCore
import SyncHTTP

extension PartnerStackConnector {
    /// One request per write (`RecordWriter`); a refusal (400, 409 duplicate, 404) fails
    /// only its record, with the API's body verbatim.
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        let writer = RecordWriter(remote: remoteName, session: session, createdID: [ResponsePath("data.key")].compactMap { $0 })
        return try writer.write(batch) { (key) throws(ConnectorError) -> String in try objectURL(batch.object, key: key) }
    }
}
