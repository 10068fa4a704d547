/// Writes a JSON string: the quotes, each run of bytes that needs no escape copied
/// whole, and `escape` for each byte that does (`"`, `\` and the C0 controls). Every
/// request payload, shadow and journal text goes through here, so runs are copied at
/// once rather than byte by byte; the escapes differ between writers.
enum JSONStringWriter {
    static func write(_ text: String, into out: inout [UInt8], escape: (UInt8, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices where needsEscape(bytes[index]) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                escape(bytes[index], &out)
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The hex digits of a `\u00xx` escape.
    static func unicodeEscape(_ byte: UInt8, into out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0xF)]])
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
