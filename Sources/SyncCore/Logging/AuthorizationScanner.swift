/// Drops the credential that follows an HTTP auth scheme word (`Bearer abc…`,
/// `Basic dXNl…`), for error texts that quote a request's headers.
enum AuthorizationScanner {
    static let schemes = ["bearer ", "basic "]

    static func redact(_ text: String, with replacement: String) -> String {
        let lower = text.lowercased()
        guard schemes.contains(where: lower.contains) else { return text }
        var scalars = Array(text.unicodeScalars)
        let lowerScalars = Array(lower.unicodeScalars)
        // Lower-casing can change the scalar count for rare characters; then fall
        // back to matching on the original text only.
        let haystack = lowerScalars.count == scalars.count ? lowerScalars : scalars
        var index = 0
        while index < scalars.count {
            guard let scheme = schemes.first(where: { matches(haystack, at: index, $0) }) else {
                index += 1
                continue
            }
            let start = index + scheme.unicodeScalars.count
            var end = start
            while end < scalars.count, !isDelimiter(scalars[end]) { end += 1 }
            let token = scalars[start..<end]
            guard !token.isEmpty, scheme == "bearer " || looksEncoded(token) else {
                index = end
                continue
            }
            scalars.replaceSubrange(start..<end, with: replacement.unicodeScalars)
            index = start + replacement.unicodeScalars.count
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    private static func matches(_ scalars: [Unicode.Scalar], at index: Int, _ word: String) -> Bool {
        let pattern = Array(word.unicodeScalars)
        guard index + pattern.count <= scalars.count else { return false }
        // A word start: not in the middle of another word.
        if index > 0, scalars[index - 1].properties.isAlphabetic { return false }
        return Array(scalars[index..<(index + pattern.count)]) == pattern
    }

    /// "basic" is also an English word: only a run that looks like base64
    /// (8+ characters with a digit, `+/=` or an inner capital) is taken as a credential.
    private static func looksEncoded(_ token: ArraySlice<Unicode.Scalar>) -> Bool {
        guard token.count >= 8 else { return false }
        return token.dropFirst().contains {
            ("0"..."9").contains($0) || ("A"..."Z").contains($0) || $0 == "+" || $0 == "/" || $0 == "="
        }
    }

    private static func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\"" || scalar == "'" || scalar == "," || scalar == ";" || scalar.value < 0x20
    }
}
