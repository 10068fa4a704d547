/// Base-62 digits in ASCII order (0-9, A-Z, a-z), so fixed-width encodings sort like
/// the numbers they encode.
enum Base62 {
    static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// `value` (taken as unsigned) in exactly `width` digits, keeping the low digits.
    static func encode(_ value: Int64, width: Int) -> String {
        var remaining = UInt64(bitPattern: value)
        var out = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var index = width - 1
        while index >= 0 {
            out[index] = digits[Int(remaining % 62)]
            remaining /= 62
            index -= 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
