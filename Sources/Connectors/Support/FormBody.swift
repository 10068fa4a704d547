import Foundation

/// `application/x-www-form-urlencoded` bodies (OAuth token requests).
enum FormBody {
    static func encode(_ fields: [(name: String, value: String)]) -> Data {
        Data(fields.map { encodeComponent($0.name) + "=" + encodeComponent($0.value) }.joined(separator: "&").utf8)
    }

    /// Everything but RFC 3986 unreserved characters is escaped (so `+` is never a space).
    static func encodeComponent(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return out
    }
}
