import Foundation

/// What the sandbox answers. `Content-Length`, `Transfer-Encoding` and `Connection` are set
/// by the server from the body and the connection state; values set here for them are
/// replaced.
public struct HTTPServerResponse: Sendable {
    public var status: Int
    public var headers: HTTPServerHeaders
    public var body: HTTPServerBody

    public init(status: Int = 200, headers: HTTPServerHeaders = [:], body: HTTPServerBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ status: Int = 200, _ json: String, headers: HTTPServerHeaders = [:]) -> HTTPServerResponse {
        var headers = headers
        headers["Content-Type"] = "application/json"
        return HTTPServerResponse(status: status, headers: headers, body: .bytes(Data(json.utf8)))
    }

    public static func text(_ status: Int = 200, _ text: String, headers: HTTPServerHeaders = [:]) -> HTTPServerResponse {
        var headers = headers
        headers["Content-Type"] = "text/plain; charset=utf-8"
        return HTTPServerResponse(status: status, headers: headers, body: .bytes(Data(text.utf8)))
    }

    public static func empty(_ status: Int, headers: HTTPServerHeaders = [:]) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: headers)
    }

    /// A chunked body of `totalBytes` bytes of `fill`, produced `chunkSize` at a time.
    public static func streamed(
        _ status: Int = 200, totalBytes: Int, chunkSize: Int = 64 * 1024, fill: UInt8 = UInt8(ascii: "x"),
        headers: HTTPServerHeaders = [:]
    ) -> HTTPServerResponse {
        let size = max(1, chunkSize)
        let chunk = Data(repeating: fill, count: size)
        return HTTPServerResponse(status: status, headers: headers, body: .chunked { index in
            let offset = index * size
            guard offset < totalBytes else { return nil }
            return offset + size <= totalBytes ? chunk : chunk.prefix(totalBytes - offset)
        })
    }
}
