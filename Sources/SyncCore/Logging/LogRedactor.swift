/// Keeps personal data and secrets out of logs and metrics: values of secret
/// keys are dropped, and anything that looks like an email address (in a
/// message or a value) becomes `email:` plus a short stable hash, so ops can
/// still tell "the same person again" apart from "someone else" without
/// reading the address. The hash is salted per installation when a salt is
/// given, which stops a dictionary of known addresses from reversing it.
public struct LogRedactor: Sendable, Hashable {
    /// What replaces the value of a secret key.
    public static let redactedValue = "[redacted]"

    /// Key names (lower-case) whose values are always dropped, on top of the
    /// built-in fragments (`password`, `secret`, `token`, `authorization`, …).
    public var secretKeys: Set<String>
    /// Mixed into every email hash; keep it stable so hashes stay comparable.
    public var salt: String

    static let secretFragments = ["password", "passwd", "secret", "token", "authorization",
                                  "api_key", "apikey", "cookie", "private_key", "signature"]

    public init(secretKeys: Set<String> = [], salt: String = "") {
        self.secretKeys = Set(secretKeys.map { $0.lowercased() })
        self.salt = salt
    }

    /// True when values under `key` must never be written.
    public func isSecret(key: String) -> Bool {
        let lower = key.lowercased()
        let normalized = String(lower.map { $0 == "-" ? "_" : $0 })
        return secretKeys.contains(lower) || Self.secretFragments.contains { normalized.contains($0) }
    }

    /// The event with secret values dropped and emails hashed everywhere.
    public func redact(_ event: LogEvent) -> LogEvent {
        var event = event
        event.message = redact(text: event.message)
        event.fields = event.fields.map { field in
            LogField(field.key, isSecret(key: field.key) ? Self.redactedValue : redact(text: field.value))
        }
        return event
    }

    /// `text` with every email-like token replaced by `email:<hash>` and the
    /// credential after `Bearer `/`Basic ` (a quoted Authorization header) dropped.
    public func redact(text: String) -> String {
        hashEmails(in: AuthorizationScanner.redact(text, with: Self.redactedValue))
    }

    private func hashEmails(in text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "@")) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        for span in EmailScanner.spans(in: bytes) {
            output.append(contentsOf: bytes[copied..<span.lowerBound])
            let email = String(decoding: bytes[span], as: UTF8.self)
            output.append(contentsOf: Array(hashed(email: email).utf8))
            copied = span.upperBound
        }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// The stable pseudonym of one address: case-insensitive, 12 hex digits.
    public func hashed(email: String) -> String {
        "email:" + StableHash.hex(salt + "\u{0}" + email.lowercased(), digits: 12)
    }
}
