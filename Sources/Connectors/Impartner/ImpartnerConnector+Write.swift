import Foundation
import SyncCore
import SyncHTTP

extension ImpartnerConnector {
    /// One request per write (`RecordWriter`); a refusal (400 validation, 409 duplicate,
    /// 404) fails only its record, with the portal's body verbatim.
    public func write(_ batch: WriteBatch) throws -> [WriteOutcome] {
        let writer = RecordWriter(remote: remoteName, session: session, succeeded: Self.succeeded,
                                  createdID: [ResponsePath("data.id"), ResponsePath("id")].compactMap { $0 })
        // The object's URL is checked and built once per batch, not per record.
        let base = Result { () throws(ConnectorError) -> String in try objectURL(batch.object) }
        return try writer.write(batch) { (id) throws(ConnectorError) -> String in
            guard let id else { return try base.get() }
            return try base.get() + "/" + PathTemplate.encodeSegment(id)
        }
    }

    /// 2xx, and not `{"success": false}`.
    static func succeeded(_ response: HTTPResponse) -> Bool {
        guard (200...299).contains(response.status) else { return false }
        // Most answers cannot say `"success": false` at all; only those that might are
        // parsed (a write's answer is the whole record: parsing every one was a twentieth
        // of a steady cycle's CPU).
        guard mayRefuse(response.body), let body = try? JSONParser().parse(response.body) else { return true }
        return body[key: "success"]?.boolValue != false
    }

    /// False when `body` certainly holds no member `"success": false`: it has no escape
    /// (which could spell the key) and no `"success"`, then `:`, then `false`, with only
    /// white space between.
    static func mayRefuse(_ body: Data) -> Bool {
        body.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            if bytes.contains(UInt8(ascii: "\\")) { return true }
            let key = Array(#""success""#.utf8)
            var start = 0
            while start + key.count <= bytes.count {
                guard let found = bytes[start...].firstIndex(of: key[0]) else { return false }
                start = found + 1
                guard found + key.count <= bytes.count, bytes[found..<(found + key.count)].elementsEqual(key) else { continue }
                var index = found + key.count
                func skipSpace() {
                    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
                }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { continue }
                index += 1
                skipSpace()
                if bytes[index...].starts(with: "false".utf8) { return true }
            }
            return false
        }
    }
}
