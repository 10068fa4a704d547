import Foundation

/// Serialises sandbox responses onto a connection, including the deliberately broken ones.
struct ResponseWriter {
    let socket: ConnectionSocket

    /// Writes a complete response. Returns false when the connection cannot carry another
    /// request (the peer went away).
    func write(_ response: HTTPServerResponse, keepAlive: Bool, headRequest: Bool, http10: Bool = false) -> Bool {
        let hasBody = Self.statusAllowsBody(response.status) && !headRequest
        switch response.body {
        case .bytes(let data):
            var message = head(response, length: Self.statusAllowsBody(response.status) ? data.count : nil, keepAlive: keepAlive, http10: http10)
            if hasBody { message.append(data) }
            return socket.write(message)
        case .chunked(let next):
            guard socket.write(head(response, length: nil, keepAlive: keepAlive, http10: http10)) else { return false }
            guard hasBody else { return true }
            var index = 0
            while let chunk = next(index) {
                index += 1
                if chunk.isEmpty { continue }
                guard socket.write(Self.frame(chunk)) else { return false }
            }
            return socket.write(Data("0\r\n\r\n".utf8))
        }
    }

    /// Writes the head and the first `limit` body bytes of a response that promises more.
    func writeTruncated(_ response: HTTPServerResponse, after limit: Int) {
        switch response.body {
        case .bytes(let data):
            var message = head(response, length: data.count, keepAlive: true)
            message.append(data.prefix(max(0, limit)))
            socket.write(message)
        case .chunked(let next):
            guard socket.write(head(response, length: nil, keepAlive: true)) else { return }
            var sent = 0
            var index = 0
            while sent < limit, let chunk = next(index) {
                index += 1
                if chunk.isEmpty { continue }
                let room = limit - sent
                if chunk.count <= room {
                    guard socket.write(Self.frame(chunk)) else { return }
                    sent += chunk.count
                } else {
                    // Announce the whole chunk, deliver part of it.
                    var partial = Data((String(chunk.count, radix: 16) + "\r\n").utf8)
                    partial.append(chunk.prefix(room))
                    socket.write(partial)
                    return
                }
            }
        }
    }

    /// A plain-text error answer for a request that could not be parsed; always closes.
    func writeError(status: Int, reason: String) {
        _ = write(.text(status, reason + "\n"), keepAlive: false, headRequest: false)
    }

    private func head(_ response: HTTPServerResponse, length: Int?, keepAlive: Bool, http10: Bool = false) -> Data {
        var text = "HTTP/1.1 \(response.status) \(Self.reasonPhrase(response.status))\r\n"
        let managed: Set<String> = ["content-length", "transfer-encoding", "connection"]
        for (name, value) in response.headers where !managed.contains(name.lowercased()) {
            text += name + ": " + Self.singleLine(value) + "\r\n"
        }
        if Self.statusAllowsBody(response.status) {
            text += length.map { "Content-Length: \($0)\r\n" } ?? "Transfer-Encoding: chunked\r\n"
        }
        if !keepAlive { text += "Connection: close\r\n" } else if http10 { text += "Connection: keep-alive\r\n" }
        return Data((text + "\r\n").utf8)
    }

    private static func frame(_ chunk: Data) -> Data {
        var framed = Data((String(chunk.count, radix: 16) + "\r\n").utf8)
        framed.append(chunk)
        framed.append(contentsOf: [13, 10])
        return framed
    }

    private static func singleLine(_ value: String) -> String {
        String(value.map { $0 == "\r" || $0 == "\n" ? " " : $0 })
    }

    static func statusAllowsBody(_ status: Int) -> Bool {
        !(100...199).contains(status) && status != 204 && status != 304
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 207: "Multi-Status"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
