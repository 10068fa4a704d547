import Foundation

/// Company domains as people type them (`https://www.Acme.com/about`, `acme.com.`)
/// reduced to one comparable form (`acme.com`), and which email domains say nothing
/// about the company (free-mail providers).
public enum CustomerDomain {
    /// The bare host, lower-cased, without scheme, `www.`, port, path, query or
    /// trailing dot; nil when nothing like a domain (no dot, spaces) is left.
    public static func normalize(_ text: String) -> String? {
        var host = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        if let scheme = host.range(of: "://") { host = host[scheme.upperBound...] }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let end = host.firstIndex(where: { "/?#:".contains($0) }) { host = host[..<end] }
        while host.hasSuffix(".") { host = host.dropLast() }
        while host.hasPrefix("www.") { host = host.dropFirst(4) }
        guard host.contains("."), !host.hasPrefix("."), !host.contains(where: { $0.isWhitespace || $0 == "," }) else {
            return nil
        }
        return String(host)
    }

    /// The domain of a company email address; nil for free-mail and personal
    /// providers (gmail.com, outlook.com, …), whose domain is shared by strangers.
    public static func ofCompanyEmail(_ email: String) -> String? {
        guard let at = email.lastIndex(of: "@"), let domain = normalize(String(email[email.index(after: at)...])),
              !freeMail.contains(domain) else { return nil }
        return domain
    }

    /// Providers whose addresses anyone can get: never company evidence.
    public static let freeMail: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com",
        "hotmail.com", "hotmail.co.uk", "hotmail.fr", "outlook.com", "live.com", "msn.com", "aol.com",
        "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net",
        "web.de", "mail.com", "zoho.com", "yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com",
        "126.com", "fastmail.com", "hey.com", "tutanota.com", "orange.fr", "free.fr", "t-online.de",
    ]
}
