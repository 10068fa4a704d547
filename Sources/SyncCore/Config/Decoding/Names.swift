/// The shape of names that key state, logs and metrics: remote and mapping names.
enum Names {
    static let rule = "is not a valid name (lower-case letters, digits, '-' and '_', starting with a letter or digit, at most 64)"
    static let hint = "e.g. \"salesforce\", \"partner-portal\", \"deals\""

    static func isName(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (1...64).contains(scalars.count), let first = scalars.first, isLowerOrDigit(first) else { return false }
        return scalars.allSatisfy { isLowerOrDigit($0) || $0 == "-" || $0 == "_" }
    }

    /// Canonical field names: an identifier (`close_date`, `partnerTier`), so they
    /// read well in match keys, scope filters, the journal and `--json` output.
    static let fieldRule = "is not a valid field name (a letter, then letters, digits or '_', at most 64)"

    static func isFieldName(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (1...64).contains(scalars.count), let first = scalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    private static func isLowerOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
