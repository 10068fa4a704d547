import Foundation

/// Company names reduced to what identifies the company: case, accents, punctuation
/// and legal-form suffixes (Inc, LLC, GmbH, Ltd, …) removed, so "ACME, Inc." and
/// "Acme Incorporated" compare equal before any fuzzy measure is applied.
public enum CompanyName {
    /// Lower-cased words without punctuation or legal forms, joined by one space.
    public static func normalize(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var words: [String] = []
        var word = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if character == "&" {
                if !word.isEmpty { words.append(word) }
                words.append("and")
                word = ""
            } else if character == "'" || character == "’" {
                continue  // "O'Brien" → "obrien"
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        // Legal forms only at the end ("Limited Edition Ltd" keeps "limited edition").
        while words.count > 1, let last = words.last, legalForms.contains(last) { words.removeLast() }
        if words.count > 1, words.first == "the" { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// Legal-form words as they appear after punctuation is removed ("l.l.c." → "l l c"
    /// is handled by also listing the joined forms people write).
    static let legalForms: Set<String> = [
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company",
        "gmbh", "ag", "kg", "ohg", "ug", "mbh", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "pty",
        "oy", "ab", "as", "aps", "kk", "pte", "pvt", "group", "holding", "holdings",
    ]
}
