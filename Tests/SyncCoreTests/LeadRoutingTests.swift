import Testing
@testable import SyncCore

/// The router: rule order, eligibility with reasons, exclusion of partners that had the
/// lead, fairness of the smooth weighted round-robin, and the SLA deadline.
@Suite struct LeadRoutingTests {
    static func partner(_ id: String, capacity: Int = 1, tier: String? = nil, certifications: [String] = [],
                        countries: [String] = [], postal: [String] = [], products: [String] = [], active: Bool = true) -> PartnerProfile {
        PartnerProfile(id: id, crmAccountId: "acct-\(id)", tier: tier, certifications: certifications,
                       territory: LeadCriteria(countries: countries, postalPrefixes: postal), productLines: products,
                       capacity: capacity, active: active)
    }

    static func distribution(_ rules: [DistributionRule], _ partners: [PartnerProfile], hours: Int = 48) -> LeadDistribution {
        LeadDistribution(acceptWithinHours: hours, rules: rules, partners: partners)
    }

    /// Routes `count` identical leads on shared counters; picks per partner id.
    static func tally(_ router: LeadRouter, count: Int, lead: LeadAttributes = LeadAttributes(country: "DE"),
                      counters: inout [String: RoundRobinCounters]) -> [String: Int] {
        var picks: [String: Int] = [:]
        for _ in 0..<count {
            if let id = router.route(lead, counters: &counters).partner?.id { picks[id, default: 0] += 1 }
        }
        return picks
    }

    @Test(arguments: [[1, 1, 1], [2, 1, 1], [5, 3, 1]])
    func roundRobinIsFairOverAThousandLeads(weights: [Int]) {
        let partners = weights.enumerated().map { Self.partner("p\($0.offset)", capacity: $0.element) }
        let router = LeadRouter(Self.distribution([DistributionRule(name: "all")], partners))
        var counters: [String: RoundRobinCounters] = [:]
        let picks = Self.tally(router, count: 1_000, counters: &counters)
        let total = Double(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            let share = Double(picks["p\(index)", default: 0]) / 1_000
            #expect(abs(share - Double(weight) / total) <= 0.02, "p\(index): \(picks)")
        }
        #expect(picks.values.reduce(0, +) == 1_000)
    }

    @Test func countersCarriedAcrossRestartsKeepTheSequence() {
        let partners = [Self.partner("a", capacity: 2), Self.partner("b"), Self.partner("c")]
        let router = LeadRouter(Self.distribution([DistributionRule(name: "all")], partners))
        var straight: [String: RoundRobinCounters] = [:]
        let once = (0..<12).compactMap { _ in router.route(LeadAttributes(), counters: &straight).partner?.id }
        // The same twelve leads, with the counters saved and reloaded every 5 leads (restarts).
        var saved: [String: RoundRobinCounters] = [:]
        var resumed: [String] = []
        for chunk in [5, 5, 2] {
            var loaded = saved
            resumed += (0..<chunk).compactMap { _ in router.route(LeadAttributes(), counters: &loaded).partner?.id }
            saved = loaded
        }
        #expect(resumed == once)
        // Smooth: 2:1:1 interleaves rather than bunching a's picks.
        #expect(Array(once.prefix(4)) == ["a", "b", "c", "a"] || Array(once.prefix(4)) == ["a", "b", "a", "c"], "\(once)")
        #expect(once.filter { $0 == "a" }.count == 6)
    }

    @Test func territoryRulesComeFirstAndFallThroughToTheCatchAll() {
        let partners = [Self.partner("munich", countries: ["DE"], postal: ["80", "81"]), Self.partner("berlin", countries: ["DE"]),
                        Self.partner("paris", countries: ["FR"]), Self.partner("anywhere")]
        let rules = [
            DistributionRule(name: "bavaria", match: LeadCriteria(countries: ["de"], postalPrefixes: ["80", "81"]), pool: ["munich"]),
            DistributionRule(name: "germany", match: LeadCriteria(countries: ["DE"]), pool: ["berlin", "munich"]),
            DistributionRule(name: "everyone"),
        ]
        let router = LeadRouter(Self.distribution(rules, partners))
        var counters: [String: RoundRobinCounters] = [:]
        let munichLead = router.route(LeadAttributes(country: "DE", postalCode: "80 331"), counters: &counters)
        #expect(munichLead.partner?.id == "munich" && munichLead.rule?.name == "bavaria")
        #expect(munichLead.journalRule == .territory)
        let berlinLead = router.route(LeadAttributes(country: "de", postalCode: "10115"), counters: &counters)
        #expect(berlinLead.rule?.name == "germany")
        let spanishLead = router.route(LeadAttributes(country: "ES"), counters: &counters)
        #expect(spanishLead.rule?.name == "everyone" && spanishLead.journalRule == .roundRobin)
        // The catch-all's pool is the roster minus partners whose territory excludes Spain.
        #expect(spanishLead.partner?.id == "anywhere")
        #expect(spanishLead.detail.contains("paris excluded (country outside its territory)"), "\(spanishLead.detail)")

        // Munich rejected the Bavarian lead: the bavaria pool is empty, germany takes it.
        let rerouted = router.route(LeadAttributes(country: "DE", postalCode: "80331"), excluded: ["munich"], counters: &counters)
        #expect(rerouted.rule?.name == "germany" && rerouted.partner?.id == "berlin")
        #expect(rerouted.detail.contains("rule 'bavaria': munich excluded (rejected or let lapse an earlier offer of this lead)"),
                "\(rerouted.detail)")
    }

    @Test func tiersCertificationsActivityAndCapacityNarrowThePool() {
        let partners = [
            Self.partner("gold", tier: "Gold", certifications: ["Robots", "Cloud"]),
            Self.partner("silver", tier: "silver", certifications: ["robots"]),
            Self.partner("idle", tier: "gold", certifications: ["robots"], active: false),
            Self.partner("full", capacity: 0, tier: "gold", certifications: ["robots"]),
            Self.partner("drones", tier: "gold", certifications: ["robots"], products: ["Drones"]),
        ]
        let rule = DistributionRule(name: "robots", match: LeadCriteria(productLines: ["Robots"]), tiers: ["gold"],
                                    certifications: ["robots"])
        let router = LeadRouter(Self.distribution([rule], partners))
        var counters: [String: RoundRobinCounters] = [:]
        let decision = router.route(LeadAttributes(country: "US", productLine: "robots"), counters: &counters)
        #expect(decision.partner?.id == "gold" && decision.journalRule == .product)
        let reasons = Dictionary(uniqueKeysWithValues: decision.considered[0].candidates.map { ($0.id, $0.exclusion) })
        #expect(reasons["silver"] == .tier)
        #expect(reasons["idle"] == .inactive)
        #expect(reasons["full"] == .noCapacity)
        #expect(reasons["drones"] == .productLine)

        let uncertified = DistributionRule(name: "cloud", certifications: ["cloud", "security"])
        let none = LeadRouter(Self.distribution([uncertified], partners)).route(LeadAttributes(), counters: &counters)
        #expect(none.partner == nil && none.journalRule == .unrouted)
        #expect(none.detail.hasPrefix("no eligible partner"), "\(none.detail)")
        #expect(none.detail.contains("gold excluded (lacks certification security)"), "\(none.detail)")
    }

    @Test func everyPartnerThatHadTheLeadIsSkippedUntilNoneIsLeft() {
        let partners = ["a", "b", "c"].map { Self.partner($0) }
        let router = LeadRouter(Self.distribution([DistributionRule(name: "all")], partners))
        var counters: [String: RoundRobinCounters] = [:]
        var excluded: Set<String> = []
        for _ in 0..<3 {
            guard let id = router.route(LeadAttributes(), excluded: excluded, counters: &counters).partner?.id else {
                Issue.record("ran out of partners early")
                return
            }
            #expect(!excluded.contains(id))
            excluded.insert(id)
        }
        #expect(excluded == ["a", "b", "c"])
        let exhausted = router.route(LeadAttributes(), excluded: excluded, counters: &counters)
        #expect(exhausted.partner == nil && exhausted.considered.count == 1)
    }

    @Test func aLeadNoRuleMatchesIsUnrouted() {
        let rule = DistributionRule(name: "france", match: LeadCriteria(countries: ["FR"]))
        var counters: [String: RoundRobinCounters] = [:]
        let decision = LeadRouter(Self.distribution([rule], [Self.partner("a")])).route(LeadAttributes(country: nil), counters: &counters)
        #expect(decision.partner == nil && decision.considered.isEmpty)
        #expect(decision.detail == "no rule matches the lead")
        #expect(counters.isEmpty, "no pick, no counter moves")
    }

    @Test(arguments: [(48, Int64(1_000), Int64(172_801_000)), (1, Int64(0), Int64(3_600_000)), (8_760, Int64(5), Int64(31_536_000_005))])
    func theAcceptanceDeadlineIsTheOfferTimePlusTheSLA(hours: Int, offeredAt: Int64, deadline: Int64) {
        let distribution = Self.distribution([DistributionRule(name: "all")], [Self.partner("a")], hours: hours)
        #expect(distribution.deadline(offeredAt: offeredAt) == deadline)
    }

    @Test func attributesAreReadFromTheNamedFieldsTrimmedAndEmptyAsAbsent() {
        let values = FieldValues(names: ["country", "state", "zip", "product"], values: [
            "country": .string(" de "), "state": .string(""), "zip": .string("80331"), "product": .null,
        ])
        let lead = LeadAttributes(values: values, fields: LeadFieldNames(country: "country", region: "state", postalCode: "zip",
                                                                           productLine: "product"))
        #expect(lead == LeadAttributes(country: "de", region: nil, postalCode: "80331", productLine: nil))
        #expect(lead.summary == "country de, postal code 80331")
    }
}
