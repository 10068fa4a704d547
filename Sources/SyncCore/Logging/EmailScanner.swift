/// Finds email-like spans (`local@domain.tld`) in UTF-8 bytes. Deliberately
/// generous: a false positive costs a hashed word in a log line, a false
/// negative leaks an address. Quotes and other rare local-part characters
/// are left out so the same address hashes the same whatever surrounds it.
enum EmailScanner {
    static func spans(in bytes: [UInt8]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var index = 0
        var searchFrom = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "@"), index >= searchFrom else { continue }
            var start = index
            while start > searchFrom, isLocal(bytes[start - 1]) { start -= 1 }
            while start < index, bytes[start] == UInt8(ascii: ".") { start += 1 }
            var end = index + 1
            while end < bytes.count, isDomain(bytes[end]) { end += 1 }
            while end > index + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") {
                end -= 1
            }
            guard start < index, isDomainName(bytes[(index + 1)..<end]) else { continue }
            spans.append(start..<end)
            searchFrom = end
            index = end - 1
        }
        return spans
    }

    private static func isLocal(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte >= 0x80 || "._%+-".utf8.contains(byte)
    }

    private static func isDomain(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte >= 0x80 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// At least two non-empty labels and a top-level label of two or more letters.
    private static func isDomainName(_ domain: ArraySlice<UInt8>) -> Bool {
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let last = labels.last else { return false }
        return last.count >= 2 && last.allSatisfy { !(0x30...0x39).contains($0) }
    }
}
