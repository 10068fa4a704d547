import Foundation

/// Where the next page of a list starts (the `$skiptoken` of an `@odata.nextLink`), and,
/// for change tracking, the delta it belongs to. Opaque to clients.
struct DataverseSkipToken: Sendable, Hashable {
    /// Whether the last page ends with an `@odata.deltaLink`.
    var tracked: Bool
    /// Delta pages: changes after this stamp, in (modification time, id) order; nil for a
    /// baseline or plain list, which pages in creation order.
    var deltaFrom: Int64?
    /// The change-log position the closing delta link starts from (taken at the first page).
    var snapshot: Int64
    /// The last row served: its stamp (modification time or sequence) and id.
    var stamp: Int64
    var id: String

    var encoded: String {
        let text = "\(tracked ? "t" : "p"):\(deltaFrom.map(String.init) ?? "-"):\(snapshot):\(stamp):\(id)"
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    init(tracked: Bool, deltaFrom: Int64?, snapshot: Int64, stamp: Int64, id: String) {
        self.tracked = tracked
        self.deltaFrom = deltaFrom
        self.snapshot = snapshot
        self.stamp = stamp
        self.id = id
    }

    init?(_ text: String) {
        let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: padded) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":", maxSplits: 4).map(String.init)
        guard parts.count == 5, let snapshot = Int64(parts[2]), let stamp = Int64(parts[3]) else { return nil }
        self.init(tracked: parts[0] == "t", deltaFrom: Int64(parts[1]), snapshot: snapshot, stamp: stamp, id: parts[4])
    }
}
