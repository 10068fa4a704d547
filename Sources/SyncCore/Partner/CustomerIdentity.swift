import Foundation

/// The end customer a registration or an opportunity is about, in comparable form:
/// what the channel-conflict check matches on.
public struct CustomerIdentity: Sendable, Hashable {
    /// Company domains: the normalized domain field, plus a company email's domain.
    public var domains: Set<String>
    /// The contact email, lower-cased.
    public var email: String?
    /// `CompanyName.normalize`d; nil when empty.
    public var name: String?

    public init(domain: String?, email: String?, name: String?) {
        var domains: Set<String> = []
        if let domain, let normalized = CustomerDomain.normalize(domain) { domains.insert(normalized) }
        let email = email?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let email, let company = CustomerDomain.ofCompanyEmail(email) { domains.insert(company) }
        self.domains = domains
        self.email = email.flatMap { $0.contains("@") ? $0 : nil }
        let normalized = name.map(CompanyName.normalize)
        self.name = normalized?.isEmpty == false ? normalized : nil
    }

    /// True when nothing is known to match on.
    public var isEmpty: Bool { domains.isEmpty && email == nil && name == nil }
}
