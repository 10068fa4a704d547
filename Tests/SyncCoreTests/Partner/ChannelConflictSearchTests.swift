import Testing
@testable import SyncCore

/// Which known records the channel-conflict check keeps as candidates, and what each
/// claims: a cycle keeps only these (not every record of the mapping).
@Suite struct ChannelConflictSearchTests {
    static let names = ["status", "stage", "partner", "domain", "company"]
    static let search = ChannelConflictSearch(registration: DealRegistration(
        statusField: "status", partnerMatch: PartnerMatch(field: "partner"), outcome: RegistrationOutcome(field: "stage"),
        channelConflict: ChannelConflictSettings(domainField: "domain", nameField: "company")))

    static func record(_ side: Side, _ id: String, _ values: [String: Value]) -> CanonicalRecord {
        var all: [String: Value] = ["domain": .string("acme.example"), "company": .string("Acme")]
        all.merge(values) { $1 }
        return CanonicalRecord(side: side, id: id, modifiedAt: 1, values: FieldValues(names: names, values: all))
    }

    @Test("closed deals, inactive registrations and records naming no customer are not kept")
    func notKept() throws {
        let search = try #require(Self.search)
        #expect(search.candidate(Self.record(.crm, "C1", ["stage": .string("won")])) == nil)
        #expect(search.candidate(Self.record(.crm, "C2", ["status": .string("rejected")])) == nil)
        #expect(search.candidate(Self.record(.prm, "P1", ["status": .string("expired")])) == nil)
        #expect(search.candidate(Self.record(.prm, "P2", [:])) == nil, "no status: not a registration")
        #expect(search.candidate(Self.record(.crm, "C3", ["domain": .string(""), "company": .string("")])) == nil)
    }

    @Test("an open deal claims its customer; an active registration claims it against other partners only")
    func claims() throws {
        let search = try #require(Self.search)
        let submitted = Self.record(.prm, "P9", ["status": .string("submitted"), "partner": .string("A")])
        let open = try #require(search.candidate(Self.record(.crm, "C1", ["stage": .string("open")]), counterpartId: "P7"))
        #expect(open.counterpartId == "P7")
        #expect(search.claims(open, against: submitted) == "open opportunity")
        let ours = try #require(search.candidate(Self.record(.prm, "P1", ["status": .string("approved"), "partner": .string("A")])))
        #expect(search.claims(ours, against: submitted) == nil, "the same partner's own deal")
        let theirs = try #require(search.candidate(Self.record(.prm, "P2", ["status": .string("approved"), "partner": .string("B")])))
        #expect(search.claims(theirs, against: submitted) == "active registration (approved) of partner B")
        let itself = try #require(search.candidate(Self.record(.prm, "P9", ["status": .string("submitted"), "partner": .string("B")])))
        #expect(search.claims(itself, against: submitted) == nil, "never a conflict with itself")
        let match = search.firstMatch(for: submitted, among: [ours, theirs, open])
        #expect(match?.recordId == "C1" && match?.evidence.basis == .domain, "domain evidence, the CRM first")
    }
}
