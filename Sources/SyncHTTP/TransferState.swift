import Foundation

/// What curl's callbacks write into during one transfer. curl calls them on the thread
/// running `curl_easy_perform`, which holds the handle's lock, so plain stored properties
/// are safe; the callbacks reach this object through an unretained `Unmanaged` pointer.
/// `CurlEasy` keeps one for the handle's life and starts it afresh with `begin(limit:)`
/// before every transfer.
final class TransferState {
    private(set) var limit: Int
    let cancellation: HTTPCancellation
    var status = 0
    var headers = HTTPHeaders()
    var body = Data()
    /// Set when the body (or its announced Content-Length) passed `limit`.
    var exceededLimit = false
    var sawCancellation = false

    init(limit: Int, cancellation: HTTPCancellation) {
        self.limit = limit
        self.cancellation = cancellation
    }

    /// Forgets the previous transfer.
    func begin(limit: Int) {
        self.limit = limit
        status = 0
        headers = HTTPHeaders()
        body = Data()
        exceededLimit = false
        sawCancellation = false
    }

    /// Takes body bytes; false means "stop the transfer" (the write callback then returns a
    /// short count and curl fails with CURLE_WRITE_ERROR).
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= limit else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Takes one header line. A status line starts a new response, so only the final
    /// response's headers remain (after `100 Continue`, a proxy's CONNECT answer, redirects).
    /// Works on the bytes: it runs for every header of every answer.
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        guard end > 0 else { return true }
        let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        if Self.isStatusLine(line) {
            headers = HTTPHeaders()
            body = Data()
            status = Self.statusCode(line)
            return true
        }
        if line[0] == 0x20 || line[0] == 0x09 {
            return true  // obsolete line folding: ignored rather than guessed at
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return true }
        var valueStart = colon + 1
        var valueEnd = end
        while valueStart < valueEnd, line[valueStart] == 0x20 || line[valueStart] == 0x09 { valueStart += 1 }
        while valueEnd > valueStart, line[valueEnd - 1] == 0x20 || line[valueEnd - 1] == 0x09 { valueEnd -= 1 }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<colon]), as: UTF8.self)
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[valueStart..<valueEnd]), as: UTF8.self)
        headers.add(name, value)
        // Refuse an announced oversized body before reading any of it.
        if status >= 200, Self.isContentLength(UnsafeRawBufferPointer(rebasing: line[0..<colon])),
           let length = Int(value), length > limit {
            exceededLimit = true
            return false
        }
        return true
    }

    /// Checked by curl at least once a second, and on every chunk of progress.
    func shouldAbort() -> Bool {
        if cancellation.isCancelled { sawCancellation = true }
        return sawCancellation
    }

    private static func isStatusLine(_ line: UnsafeRawBufferPointer) -> Bool {
        line.count >= 5 && line[0] == UInt8(ascii: "H") && line[1] == UInt8(ascii: "T") && line[2] == UInt8(ascii: "T")
            && line[3] == UInt8(ascii: "P") && line[4] == UInt8(ascii: "/")
    }

    /// The second space-separated word of `HTTP/1.1 200 OK` as a number; 0 when there is none.
    private static func statusCode(_ line: UnsafeRawBufferPointer) -> Int {
        guard let space = line.firstIndex(of: 0x20) else { return 0 }
        var start = space
        while start < line.count, line[start] == 0x20 { start += 1 }
        var end = start
        while end < line.count, line[end] != 0x20 { end += 1 }
        guard start < end, end - start <= 9 else { return 0 }
        var code = 0
        for index in start..<end {
            let byte = line[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return 0 }
            code = code * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return code
    }

    private static func isContentLength(_ name: UnsafeRawBufferPointer) -> Bool {
        let expected = "content-length".utf8
        guard name.count == expected.count else { return false }
        return zip(name, expected).allSatisfy { byte, lower in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte) == lower
        }
    }
}
