/// Salesforce record ids: 15 case-sensitive characters (3-character key prefix, then
/// instance and counter digits) plus the 3-character case-insensitive checksum suffix
/// Salesforce appends to make the 18-character form.
enum SalesforceID {
    static func make(keyPrefix: String, sequence: Int64) -> String {
        let prefix = String(keyPrefix.prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0)
        let fifteen = prefix + "5g0000" + Base62.encode(sequence, width: 6)
        return fifteen + checksum(fifteen)
    }

    /// For each 5-character chunk, a bit per uppercase letter (lowest bit first) picks one
    /// of `A…Z0…5`.
    static func checksum(_ fifteen: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")
        let bytes = Array(fifteen.utf8)
        var suffix = ""
        for chunk in 0..<3 {
            var bits = 0
            for position in 0..<5 {
                let index = chunk * 5 + position
                guard index < bytes.count else { continue }
                if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[index]) { bits |= 1 << position }
            }
            suffix.append(alphabet[bits])
        }
        return suffix
    }

    /// True for 18 characters whose suffix matches, or 15 characters of the right alphabet.
    static func isWellFormed(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard bytes.count == 15 || bytes.count == 18,
              bytes.allSatisfy({ Base62.digits.contains($0) }) else { return false }
        guard bytes.count == 18 else { return true }
        let fifteen = String(decoding: bytes[0..<15], as: UTF8.self)
        return checksum(fifteen) == String(decoding: bytes[15...], as: UTF8.self)
    }
}
