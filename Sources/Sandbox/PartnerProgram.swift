/// What `seedPartnerProgram` put in the sandbox, for a script that acts on it later
/// (the demo's story) and for the numbers it prints.
public struct PartnerProgram: Sendable, Hashable {
    /// One reseller: its CRM account id and its portal account id.
    public struct Partner: Sendable, Hashable {
        public var name: String
        public var crmAccountID: String
        public var portalAccountID: String
    }

    public var partners: [Partner]
    /// Opportunities in the CRM; `partnerOpportunities` of them name a partner account.
    public var opportunities: Int
    public var partnerOpportunities: Int
    /// Leads in the CRM; `routedLeads` of them are routed to a partner.
    public var leads: Int
    public var routedLeads: Int
    /// Deal registrations in the portal; `matchingRegistrations` of them register a deal
    /// the CRM already has (same name and customer domain).
    public var registrations: Int
    public var matchingRegistrations: Int
    /// Customer companies the data set draws from: 144 names with their web domains.
    static let customers: [(name: String, domain: String)] = {
        let brands = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Cyberdyne", "Tyrell", "Soylent",
                      "Hooli", "Vandelay", "Wonka", "Aperture", "Oscorp", "Gringotts", "Monarch", "Nakatomi", "Pied Piper"]
        let trades = ["Robotics", "Health", "Logistics", "Foods", "Energy", "Systems", "Labs", "Retail"]
        return brands.flatMap { brand in
            trades.map { trade in
                ("\(brand) \(trade)", "\(brand)-\(trade).example".lowercased().replacingOccurrences(of: " ", with: "-"))
            }
        }
    }()
}
