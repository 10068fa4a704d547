import Foundation

/// A `page_token`: where the next page starts in (Modified_Time or Created_Time, id)
/// order, the `If-Modified-Since` it was issued under, and when it was issued (it expires).
struct ZohoPageToken: Sendable, Hashable {
    var byModified: Bool
    var stamp: Int64
    var id: String
    var since: Int64?
    var issuedAt: Int64

    var encoded: String {
        let text = "\(byModified ? "m" : "c"):\(stamp):\(id):\(since.map(String.init) ?? "-"):\(issuedAt)"
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    init(byModified: Bool, stamp: Int64, id: String, since: Int64?, issuedAt: Int64) {
        self.byModified = byModified
        self.stamp = stamp
        self.id = id
        self.since = since
        self.issuedAt = issuedAt
    }

    init?(_ text: String) {
        let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: padded) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":").map(String.init)
        guard parts.count == 5, let stamp = Int64(parts[1]), let issued = Int64(parts[4]) else { return nil }
        self.init(byModified: parts[0] == "m", stamp: stamp, id: parts[2], since: Int64(parts[3]), issuedAt: issued)
    }
}
