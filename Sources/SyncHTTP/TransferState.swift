import Foundation

/// What curl's callbacks write into during one transfer. curl calls them on the thread
/// running `curl_easy_perform`, which holds the handle's lock, so plain stored properties
/// are safe; the callbacks reach this object through an unretained `Unmanaged` pointer
/// that lives no longer than the perform call.
final class TransferState {
    let limit: Int
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
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Strip CR/LF as bytes: "\r\n" is one Character, so hasSuffix("\n") would miss it.
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            body = Data()
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            return true
        }
        if line.isEmpty {
            return true
        }
        if line.first == " " || line.first == "\t" {
            return true  // obsolete line folding: ignored rather than guessed at
        }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let name = String(line[..<colon])
        let value = String(line[line.index(after: colon)...]).trimmingSpaces()
        headers.add(name, value)
        // Refuse an announced oversized body before reading any of it.
        if status >= 200, name.lowercased() == "content-length", let length = Int(value), length > limit {
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
}
