/// `JSONEncoder`'s string escaping: `"` `\` and the C0 controls (`\b \f \n \r \t` by
/// name, the rest as `\u00xx`); `/`, DEL and non-ASCII verbatim.
enum StoredText {
    static func string(_ text: String, into out: inout [UInt8]) {
        JSONStringWriter.write(text, into: &out) { byte, out in
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            default: JSONStringWriter.unicodeEscape(byte, into: &out)
            }
        }
    }
}
