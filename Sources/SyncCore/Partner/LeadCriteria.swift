/// Conditions on a lead's territory and product: a rule's `match`, or a partner's
/// territory. Each non-empty list must hold; an empty list does not narrow anything.
/// Comparisons ignore case and, for postal codes, spaces.
public struct LeadCriteria: Sendable, Hashable {
    /// ISO country codes (`DE`, `US`).
    public var countries: [String]
    /// States, provinces or regions as the CRM writes them (`CA`, `Bavaria`).
    public var regions: [String]
    /// Postal-code prefixes (`80`, `SW1`).
    public var postalPrefixes: [String]
    public var productLines: [String]

    public init(countries: [String] = [], regions: [String] = [], postalPrefixes: [String] = [], productLines: [String] = []) {
        self.countries = countries
        self.regions = regions
        self.postalPrefixes = postalPrefixes
        self.productLines = productLines
    }

    /// Nothing narrows: every lead matches.
    public var isEmpty: Bool { countries.isEmpty && regions.isEmpty && postalPrefixes.isEmpty && productLines.isEmpty }

    /// Whether any territory list (country, region, postal prefix) is set.
    public var hasTerritory: Bool { !countries.isEmpty || !regions.isEmpty || !postalPrefixes.isEmpty }

    /// The first list the lead fails, as a word for the journal; nil when it matches.
    public func mismatch(_ lead: LeadAttributes) -> String? {
        if !countries.isEmpty, !Self.contains(countries, lead.country) { return "country" }
        if !regions.isEmpty, !Self.contains(regions, lead.region) { return "region" }
        if !postalPrefixes.isEmpty {
            let code = LeadAttributes.folded(lead.postalCode ?? "", dropSpaces: true)
            let matched = !code.isEmpty && postalPrefixes.contains { code.hasPrefix(LeadAttributes.folded($0, dropSpaces: true)) }
            if !matched { return "postal code" }
        }
        if !productLines.isEmpty, !Self.contains(productLines, lead.productLine) { return "product line" }
        return nil
    }

    public func matches(_ lead: LeadAttributes) -> Bool { mismatch(lead) == nil }

    static func contains(_ list: [String], _ value: String?) -> Bool {
        guard let value else { return false }
        let wanted = LeadAttributes.folded(value)
        return !wanted.isEmpty && list.contains { LeadAttributes.folded($0) == wanted }
    }
}
