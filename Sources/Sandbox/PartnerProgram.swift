/// What `seedPartnerProgram` put in the sandbox, for a script that acts on it later
/// (the demo's story) and for the numbers it prints.
public struct PartnerProgram: Sendable, Hashable {
    /// One reseller: its CRM account id and its portal account id.
    public struct Partner: Sendable, Hashable {
        public var name: String
        public var crmAccountID: String
        public var portalAccountID: String
    }

    /// An end customer: company name and web domain (contacts' emails use the domain).
    public struct Customer: Sendable, Hashable {
        public var name: String
        public var domain: String
    }

    public var partners: [Partner]
    /// Opportunities in the CRM; `partnerOpportunities` of them name a partner account.
    public var opportunities: Int
    public var partnerOpportunities: Int
    /// Leads in the CRM; `routedLeads` of them are assigned to a partner (and
    /// `acceptedLeads` of those already accepted, so the portal has them too).
    public var leads: Int
    public var routedLeads: Int
    public var acceptedLeads: Int
    /// Deal registrations in the portal; `matchingRegistrations` of them register a deal
    /// the CRM already has (same name and customer domain), the others are for end
    /// customers the vendor does not know yet.
    public var registrations: Int
    public var matchingRegistrations: Int
    /// A customer no system has heard of yet: for a registration the story submits.
    public var newCustomer: Customer

    /// Customer companies the CRM's opportunities and leads draw from: 144 names with
    /// their web domains.
    public static let customers: [Customer] = {
        let brands = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Cyberdyne", "Tyrell", "Soylent",
                      "Hooli", "Vandelay", "Wonka", "Aperture", "Oscorp", "Gringotts", "Monarch", "Nakatomi", "Pied Piper"]
        let trades = ["Robotics", "Health", "Logistics", "Foods", "Energy", "Systems", "Labs", "Retail"]
        return brands.flatMap { brand in trades.map { trade in customer("\(brand) \(trade)") } }
    }()

    /// End customers new to the vendor, one per registration for a new deal (the last
    /// is kept for the story): names unlike each other and unlike `customers`, so the
    /// channel-conflict check has nothing to find among them.
    public static let newCustomers: [Customer] = [
        "Bluth Homes", "Dunder Mifflin", "Prestige Worldwide", "Sterling Cooper", "Los Pollos Hermanos", "Krusty Krab",
        "Virtucon", "Massive Dynamic", "Blue Sun", "Weyland Yutani", "Cogswell Cogs", "Spacely Sprockets",
        "Gekko Partners", "Kramerica", "Bubba Gump Shrimp", "Duff Brewing", "Oceanic Airlines", "Paper Street Soap",
        "Rekall", "Sirius Cybernetics", "Zorg Industries", "Ollivanders", "Planet Express", "Mom's Friendly Robots",
        "Entertech", "Octan", "Rich Industries", "Buy n Large", "Genco Olive Oil", "Praxis", "Ghostwood Estates",
        "Yoyodyne", "Abstergo", "Black Mesa", "Frobozz Magic", "Tricell", "Omni Consumer Products", "InGen",
        "Dharma Initiative", "Lacuna", "Vought", "Hanso Foundation", "Strickland Propane", "Pendant Publishing",
        "Gadgetron", "Shinra Electric", "Vault-Tec", "Lunar Industries", "Nuka Cola", "Ewing Oil", "Grand Budapest",
        "Stay Puft",
    ].map(customer)

    /// `Mom's Friendly Robots` → `moms-friendly-robots.example`.
    static func customer(_ name: String) -> Customer {
        var domain = ""
        for character in name.lowercased() where character != "'" {
            if character.isLetter || character.isNumber {
                domain.append(character)
            } else if !domain.isEmpty, domain.last != "-" {
                domain.append("-")
            }
        }
        return Customer(name: name, domain: domain + ".example")
    }
}
