import Foundation

/// What routing looks at on a lead, read from its canonical CRM values through the
/// fields named in `leadDistribution.leadFields`. Kept with the lead's route, so a lead
/// can be offered to the next partner in a cycle that did not pull it.
public struct LeadAttributes: Sendable, Hashable, Codable {
    public var country: String?
    public var region: String?
    public var postalCode: String?
    public var productLine: String?

    public init(country: String? = nil, region: String? = nil, postalCode: String? = nil, productLine: String? = nil) {
        self.country = country
        self.region = region
        self.postalCode = postalCode
        self.productLine = productLine
    }

    /// The lead's attributes from its canonical values (a non-text or empty value reads as absent).
    public init(values: FieldValues, fields: LeadFieldNames) {
        func text(_ name: String?) -> String? {
            guard let name, case let .string(text)? = values[name] else { return nil }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : trimmed
        }
        self.init(country: text(fields.country), region: text(fields.region), postalCode: text(fields.postalCode),
                  productLine: text(fields.productLine))
    }

    /// A short description for the journal: `country DE, postal code 80331`.
    public var summary: String {
        let parts = [("country", country), ("region", region), ("postal code", postalCode), ("product line", productLine)]
            .compactMap { name, value in value.map { "\(name) \($0)" } }
        return parts.isEmpty ? "no territory or product" : parts.joined(separator: ", ")
    }

    /// Case-folded for comparison; postal codes also lose their spaces.
    static func folded(_ text: String, dropSpaces: Bool = false) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        return dropSpaces ? trimmed.filter { $0 != " " } : trimmed
    }
}

/// The canonical field names routing reads a lead's attributes from; nil: not used.
public struct LeadFieldNames: Sendable, Hashable {
    public var country: String?
    public var region: String?
    public var postalCode: String?
    public var productLine: String?

    public init(country: String? = nil, region: String? = nil, postalCode: String? = nil, productLine: String? = nil) {
        self.country = country
        self.region = region
        self.postalCode = postalCode
        self.productLine = productLine
    }
}
