import Testing
@testable import SyncCore

/// Normalization and matching behind the channel-conflict check.
@Suite struct ChannelConflictMatcherTests {
    @Test("domains as typed reduce to the bare host", arguments: [
        ("acme.com", "acme.com"), ("  https://www.Acme.COM/about?x=1 ", "acme.com"), ("http://acme.com:8080", "acme.com"),
        ("WWW.acme.co.uk.", "acme.co.uk"), ("ann@acme.com", "acme.com"), ("acme", nil), ("", nil), ("acme .com", nil),
    ])
    func domains(text: String, expected: String?) {
        #expect(CustomerDomain.normalize(text) == expected)
    }

    @Test("a company email's domain is domain evidence; a free-mail domain is not")
    func emailDomains() {
        #expect(CustomerDomain.ofCompanyEmail("Ann@Acme.com") == "acme.com")
        #expect(CustomerDomain.ofCompanyEmail("ann@gmail.com") == nil)
        #expect(CustomerDomain.ofCompanyEmail("ann@Outlook.com") == nil)
        let matcher = ChannelConflictMatcher()
        let personal = CustomerIdentity(domain: nil, email: "ann@gmail.com", name: nil)
        let stranger = CustomerIdentity(domain: "gmail.com", email: "bob@gmail.com", name: nil)
        #expect(matcher.evidence(personal, stranger) == nil, "sharing gmail.com is no evidence")
    }

    @Test("legal forms, case, accents and punctuation do not make names differ", arguments: [
        ("ACME, Inc.", "acme"), ("Acme Incorporated", "acme"), ("Müller GmbH", "muller"), ("O'Brien & Sons Ltd", "obrien and sons"),
        ("The Widget Company", "widget"), ("Limited Edition Ltd", "limited edition"),
    ])
    func names(text: String, expected: String) {
        #expect(CompanyName.normalize(text) == expected)
    }

    @Test("Jaro-Winkler: known values, symmetry and bounds on random strings (seeded)")
    func similarity() {
        #expect(abs(NameSimilarity.jaroWinkler("martha", "marhta") - 0.9611) < 0.001)
        #expect(abs(NameSimilarity.jaroWinkler("dwayne", "duane") - 0.84) < 0.001)
        #expect(NameSimilarity.jaroWinkler("acme", "acme") == 1)
        #expect(NameSimilarity.jaroWinkler("", "acme") == 0)
        let seed = UInt64.random(in: 0...UInt64.max)
        var random = SplitMix64(seed: seed)
        let letters = Array("abcde fg")
        for _ in 0..<500 {
            let a = String((0..<Int.random(in: 0...12, using: &random)).map { _ in letters.randomElement(using: &random) ?? "a" })
            let b = String((0..<Int.random(in: 0...12, using: &random)).map { _ in letters.randomElement(using: &random) ?? "a" })
            let ab = NameSimilarity.jaroWinkler(a, b)
            #expect(ab >= 0 && ab <= 1, "seed \(seed): '\(a)' '\(b)' → \(ab)")
            #expect(abs(ab - NameSimilarity.jaroWinkler(b, a)) < 1e-9, "seed \(seed): not symmetric for '\(a)' '\(b)'")
            #expect(NameSimilarity.jaroWinkler(a, a) == 1, "seed \(seed): '\(a)'")
        }
    }

    @Test("evidence: domain beats email beats name; the threshold separates near misses")
    func evidence() throws {
        let matcher = ChannelConflictMatcher(nameThreshold: 0.92)
        let registration = CustomerIdentity(domain: "https://www.stark.example", email: "pepper@stark.example", name: "Stark Industries, Inc.")
        let byDomain = try #require(matcher.evidence(registration, CustomerIdentity(domain: "stark.example", email: nil, name: "Other")))
        #expect(byDomain.basis == .domain && byDomain.registrationValue == "stark.example")
        let viaEmail = try #require(matcher.evidence(registration, CustomerIdentity(domain: nil, email: "tony@stark.example", name: nil)))
        #expect(viaEmail.basis == .domain, "a company email's domain is domain evidence")
        let free = CustomerIdentity(domain: nil, email: "pepper@gmail.com", name: nil)
        #expect(matcher.evidence(free, CustomerIdentity(domain: nil, email: "Pepper@gmail.com".lowercased(), name: nil))?.basis == .email)
        let byName = try #require(matcher.evidence(registration, CustomerIdentity(domain: nil, email: nil, name: "Stark Industries LLC")))
        #expect(byName.basis == .name && byName.similarity == 1)
        let typo = try #require(matcher.evidence(registration, CustomerIdentity(domain: nil, email: nil, name: "Stark Industires")))
        #expect(typo.basis == .name && (typo.similarity ?? 0) >= 0.92)
        #expect(matcher.evidence(registration, CustomerIdentity(domain: nil, email: nil, name: "Starling Industries")) == nil,
                "a near miss stays apart at 0.92")
        let domainOnly = ChannelConflictMatcher(bases: [.domain])
        #expect(domainOnly.evidence(registration, CustomerIdentity(domain: nil, email: nil, name: "Stark Industries")) == nil)
    }
}
