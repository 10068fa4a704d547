import Foundation

/// Reads HTTP/1.1 requests off one connection (RFC 9112): request line, headers, and a body
/// framed by `Content-Length` or `Transfer-Encoding: chunked`. Anything ambiguous — both
/// framings at once, conflicting lengths, a bad chunk size — is refused, never guessed at.
struct HTTPRequestReader {
    let socket: ConnectionSocket
    let limits: HTTPServerLimits

    struct Parsed {
        var method: String
        var target: String
        var headers: HTTPServerHeaders
        var body: Data
        var keepAlive: Bool
        /// An HTTP/1.0 client needs keep-alive confirmed explicitly.
        var isHTTP10: Bool
    }

    enum Outcome {
        case request(Parsed)
        /// The peer closed between requests: the normal end of a kept-alive connection.
        case closed
        /// Answer `status` and close.
        case malformed(status: Int, reason: String)
    }

    func read() -> Outcome {
        var headerBytes = 0
        var requestLine = ""
        // RFC 9112 §2.2: ignore empty lines before the request line.
        repeat {
            switch socket.readLine(limit: limits.maxHeaderBytes) {
            case .closed: return .closed
            case .tooLong: return .malformed(status: 431, reason: "request line too long")
            case .line(let line):
                requestLine = line
                headerBytes += line.utf8.count + 2
            }
        } while requestLine.isEmpty && headerBytes < limits.maxHeaderBytes
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, isToken(parts[0]), !parts[1].isEmpty else {
            return .malformed(status: 400, reason: "malformed request line")
        }
        let version = parts[2]
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .malformed(status: version.hasPrefix("HTTP/") ? 505 : 400, reason: "unsupported HTTP version")
        }

        var headers = HTTPServerHeaders()
        headerLines: while true {
            switch socket.readLine(limit: limits.maxHeaderBytes - headerBytes) {
            case .closed: return .malformed(status: 400, reason: "connection closed inside the headers")
            case .tooLong: return .malformed(status: 431, reason: "request headers too large")
            case .line(let line):
                headerBytes += line.utf8.count + 2
                if line.isEmpty { break headerLines }
                guard let colon = line.firstIndex(of: ":"), isToken(line[..<colon]) else {
                    return .malformed(status: 400, reason: "malformed header line")
                }
                headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
        }

        let keepAlive = version == "HTTP/1.1"
            ? !headers.hasToken("close", in: "Connection")
            : headers.hasToken("keep-alive", in: "Connection")
        let body: Data
        switch readBody(headers) {
        case .success(let read): body = read
        case .failure(let problem): return .malformed(status: problem.status, reason: problem.reason)
        }
        return .request(Parsed(
            method: String(parts[0]), target: String(parts[1]), headers: headers, body: body, keepAlive: keepAlive,
            isHTTP10: version == "HTTP/1.0"))
    }

    private struct Problem: Error {
        let status: Int
        let reason: String
    }

    private func readBody(_ headers: HTTPServerHeaders) -> Result<Data, Problem> {
        let lengths = headers.values(for: "Content-Length")
        let chunked = headers.contains("Transfer-Encoding")
        if chunked {
            guard lengths.isEmpty else {
                return .failure(Problem(status: 400, reason: "both Content-Length and Transfer-Encoding"))
            }
            guard headers.values(for: "Transfer-Encoding").last?.lowercased().hasSuffix("chunked") == true else {
                return .failure(Problem(status: 501, reason: "unsupported Transfer-Encoding"))
            }
            continueIfExpected(headers)
            return readChunked()
        }
        guard let first = lengths.first else { return .success(Data()) }
        let distinct = Set(lengths.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) })
        guard distinct.count == 1, let text = distinct.first, !text.isEmpty,
            text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let length = Int(text)
        else {
            return .failure(Problem(status: 400, reason: "invalid Content-Length \(first)"))
        }
        guard length <= limits.maxBodyBytes else {
            return .failure(Problem(status: 413, reason: "body larger than \(limits.maxBodyBytes) bytes"))
        }
        continueIfExpected(headers)
        guard let body = socket.read(count: length) else {
            return .failure(Problem(status: 400, reason: "connection closed inside the body"))
        }
        return .success(body)
    }

    private func readChunked() -> Result<Data, Problem> {
        var body = Data()
        while true {
            guard case .line(let sizeLine) = socket.readLine(limit: 1024) else {
                return .failure(Problem(status: 400, reason: "bad chunk size line"))
            }
            let hex = sizeLine.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
            guard !hex.isEmpty, hex.count <= 15, let size = Int(hex, radix: 16), size >= 0 else {
                return .failure(Problem(status: 400, reason: "bad chunk size \"\(sizeLine.prefix(20))\""))
            }
            if size == 0 { break }
            guard body.count + size <= limits.maxBodyBytes else {
                return .failure(Problem(status: 413, reason: "body larger than \(limits.maxBodyBytes) bytes"))
            }
            guard let chunk = socket.read(count: size), case .line(let end) = socket.readLine(limit: 2), end.isEmpty else {
                return .failure(Problem(status: 400, reason: "chunk data does not end with CRLF"))
            }
            body.append(chunk)
        }
        // Trailer fields, ignored, up to the empty line.
        var trailerBytes = 0
        while true {
            guard case .line(let line) = socket.readLine(limit: limits.maxHeaderBytes) else {
                return .failure(Problem(status: 400, reason: "bad chunked trailer"))
            }
            trailerBytes += line.utf8.count
            if line.isEmpty { return .success(body) }
            if trailerBytes > limits.maxHeaderBytes {
                return .failure(Problem(status: 431, reason: "trailer too large"))
            }
        }
    }

    private func continueIfExpected(_ headers: HTTPServerHeaders) {
        if headers["Expect"]?.lowercased() == "100-continue" {
            socket.write(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
    }

    private func isToken(_ text: Substring) -> Bool {
        let symbols = Set("!#$%&'*+-.^_`|~".utf8)
        return !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || symbols.contains(byte)
        }
    }
}
