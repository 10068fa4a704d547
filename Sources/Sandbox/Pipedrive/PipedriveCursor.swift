import Foundation

/// The opaque `cursor` of a v2 list: the sort key of the last item served, so the next
/// page starts right after it (an edit during paging moves a record forward in
/// `update_time` order, never past unread ones).
struct PipedriveCursor: Sendable, Hashable {
    enum Order: String, Sendable {
        case updateTime = "u"
        case creation = "s"
    }

    var order: Order
    var stamp: Int64
    var id: String

    var encoded: String {
        Data("\(order.rawValue):\(stamp):\(id)".utf8).base64EncodedString()
    }

    init(order: Order, stamp: Int64, id: String) {
        self.order = order
        self.stamp = stamp
        self.id = id
    }

    init?(_ text: String) {
        guard let data = Data(base64Encoded: text) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":", maxSplits: 2).map(String.init)
        guard parts.count == 3, let order = Order(rawValue: parts[0]), let stamp = Int64(parts[1]) else { return nil }
        self.init(order: order, stamp: stamp, id: parts[2])
    }
}
