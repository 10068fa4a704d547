import CCurl
import Foundation

/// The raw result of one curl transfer, before the client decides what it means.
struct TransferResult: Sendable {
    var code: CURLcode
    /// curl's error buffer (not yet scrubbed).
    var errorText: String
    var status: Int
    var headers: HTTPHeaders
    var body: Data
    var exceededLimit: Bool
    var cancelled: Bool
    var newConnections: Int
    /// CURLINFO_REQUEST_SIZE: 0 means the request never went out.
    var requestBytesSent: Int

    var succeeded: Bool { code == CURLE_OK }
}
