import Foundation

/// A sandbox response body: bytes sent with `Content-Length`, or a chunked stream produced
/// on demand so a huge body never sits in memory.
public enum HTTPServerBody: Sendable {
    case bytes(Data)
    /// Called with 0, 1, 2, … until it returns nil; each non-empty result is one chunk.
    /// (Chunked framing is HTTP/1.1; the sandbox does not downgrade it for HTTP/1.0 clients.)
    case chunked(@Sendable (_ index: Int) -> Data?)

    public static let empty = HTTPServerBody.bytes(Data())
}
