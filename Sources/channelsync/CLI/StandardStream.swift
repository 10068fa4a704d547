import Foundation

/// Writes to stdout/stderr with write(2). Foundation's `FileHandle.write(_:)` traps
/// on EPIPE (a forced try inside Foundation), which killed `channelsync journal | head`; here a reader
/// that went away ends the process quietly (status 0) instead.
enum StandardStream {
    static func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.write(descriptor, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                // EPIPE (the reader is gone) or another error: nothing more can be shown.
                exit(errno == EPIPE ? 0 : 1)
            }
            offset += written
        }
    }
}
