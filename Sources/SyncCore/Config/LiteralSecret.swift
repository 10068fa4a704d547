import Foundation

/// Tells a credential *name* (`salesforce-client-secret`) from a secret pasted
/// into a config file. Secrets belong in systemd credentials (`LoadCredential=`),
/// never in files an admin copies, commits or pastes into a ticket.
enum LiteralSecret {
    /// What a credential name may look like: systemd credential names, kept short.
    static func isCredentialName(_ text: String) -> Bool {
        (1...64).contains(text.unicodeScalars.count) && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_.@-".unicodeScalars.contains(scalar))
        }
    }

    /// Why `text`, given where a credential name belongs, looks like a secret; nil
    /// for a plausible name (or a plain invalid name, reported separately).
    static func reasonAsCredentialName(_ text: String) -> String? {
        if let reason = reason(text) { return reason }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { return "it contains whitespace" }
        if text.unicodeScalars.count > 64 { return "it is longer than a credential name can be (64 characters)" }
        if text.unicodeScalars.count >= 16, text.unicodeScalars.contains(where: { "+/=!".unicodeScalars.contains($0) }) {
            return "it contains characters typical of encoded secrets"
        }
        return nil
    }

    /// Why `text` looks like a token or key wherever it appears; nil otherwise.
    static func reason(_ text: String) -> String? {
        let lower = text.lowercased()
        if lower.hasPrefix("bearer ") || lower.hasPrefix("basic ") || lower.hasPrefix("token ") {
            return "it starts with an Authorization scheme"
        }
        if text.count >= 16, let prefix = knownPrefixes.first(where: { text.hasPrefix($0) }) {
            return "it starts with '\(prefix)', a known token prefix"
        }
        if text.hasPrefix("eyJ"), text.split(separator: ".").count == 3, text.count >= 30 {
            return "it is a JSON Web Token"
        }
        let scalars = Array(text.unicodeScalars)
        if scalars.count >= 32, scalars.allSatisfy({ $0.properties.isASCIIHexDigit }) {
            return "it is a long hexadecimal string"
        }
        if scalars.count >= 20, isHighEntropy(scalars) {
            return "it is a long random-looking string"
        }
        return nil
    }

    /// True for a key whose value would be a secret (`password`, `clientSecret`,
    /// `api_key`, …) — but not for `tokenURL` and the like, which name endpoints.
    static func isSecretKeyName(_ key: String) -> Bool {
        let folded = key.lowercased().filter { $0 != "_" && $0 != "-" }
        if folded.hasSuffix("url") || folded.hasSuffix("uri") || folded.hasSuffix("name") || folded.hasSuffix("header") {
            return false
        }
        return ["password", "passwd", "secret", "token", "apikey", "authorization", "privatekey", "sessionid"]
            .contains { folded.contains($0) }
    }

    /// Vendor token prefixes (Stripe, GitHub, Slack, HubSpot, AWS, Google, GitLab, Shopify, SendGrid, OpenAI-style).
    private static let knownPrefixes = [
        "sk_live_", "sk_test_", "rk_live_", "pk_live_", "sk-", "ghp_", "gho_", "ghs_", "github_pat_",
        "xoxb-", "xoxp-", "xapp-", "pat-na1-", "pat-eu1-", "AKIA", "ASIA", "AIza", "glpat-", "shpat_", "SG.",
    ]

    /// Letters and digits interleaved with high character entropy: how generated
    /// secrets look, and how names people choose (`hubspot-private-app-token`,
    /// `Opportunity2024Partner`) do not.
    private static func isHighEntropy(_ scalars: [Unicode.Scalar]) -> Bool {
        func kind(_ scalar: Unicode.Scalar) -> Int {
            if ("0"..."9").contains(scalar) { return 0 }
            if ("A"..."Z").contains(scalar) { return 1 }
            if ("a"..."z").contains(scalar) { return 2 }
            return 3
        }
        let digits = scalars.filter { kind($0) == 0 }.count
        let switches = zip(scalars, scalars.dropFirst()).filter { kind($0) != kind($1) }.count
        guard digits >= 2, switches * 4 >= scalars.count else { return false }
        var counts: [Unicode.Scalar: Int] = [:]
        for scalar in scalars { counts[scalar, default: 0] += 1 }
        let total = Double(scalars.count)
        let entropy = counts.values.reduce(0.0) { sum, count in
            let p = Double(count) / total
            return sum - p * log2(p)
        }
        return entropy >= 3.5
    }
}
