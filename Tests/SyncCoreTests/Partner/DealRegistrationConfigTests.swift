import Foundation
import Testing
@testable import SyncCore

/// `dealRegistration` in a mapping file: defaults, and each mistake reported where it is.
@Suite struct DealRegistrationConfigTests {
    static let fields = """
        { name: "status", type: "enum", values: ["submitted", "under_review", "approved", "rejected", "expired", "won", "lost"],
          crm: "Status__c", prm: "status" },
        { name: "reason", type: "text", crm: "Reason__c", prm: "reason", direction: "toPRM" },
        { name: "decided", type: "datetime", crm: "Decided__c", prm: "decided", direction: "toPRM" },
        { name: "expires", type: "date", crm: "Expires__c", prm: "expires", direction: "toPRM" },
        { name: "partner", type: "reference", crm: "Partner__c", prm: "partner.id", direction: "createOnly" },
        { name: "domain", type: "string", crm: "Domain__c", prm: "company.domain" },
        """

    static func decode(_ block: String) -> Result<Mapping, ConfigErrors> {
        ConfigMappingTests.decode(ConfigMappingTests.mapping(field: fields, extra: "dealRegistration: \(block),"))
    }

    static func errors(_ block: String) -> [ConfigError] {
        if case let .failure(errors) = decode(block) { return errors.errors }
        return []
    }

    @Test("a minimal block gets the documented defaults")
    func defaults() throws {
        let mapping = try Self.decode("{ statusField: 'status' }").get()
        let registration = try #require(mapping.dealRegistration)
        #expect(registration.pendingStatus == .submitted && registration.protection.days == 90)
        #expect(registration.unknownPartner == .review && !registration.lifecycle.reopensExpired)
        #expect(registration.partnerMatch == nil && registration.channelConflict == nil)
    }

    @Test("a full block decodes every key")
    func full() throws {
        let mapping = try Self.decode("""
            { statusField: "status", pendingStatus: "under_review", protectionDays: 60, reasonField: "reason",
              decidedAtField: "decided", expiresAtField: "expires", partnerMatch: { field: "partner", crmField: "Portal_Id__c" },
              unknownPartner: "create", extensions: { reopenExpired: true },
              outcome: { field: "stage", report: ["amount"] },
              channelConflict: { match: ["domain", "email"], domainField: "domain", emailField: "email",
                                 nameThreshold: 0.85, onMatch: "under_review" } }
            """).get()
        let registration = try #require(mapping.dealRegistration)
        #expect(registration.pendingStatus == .underReview && registration.protection.days == 60)
        #expect(registration.partnerMatch == PartnerMatch(field: "partner", crmObject: "Account", crmField: "Portal_Id__c"))
        #expect(registration.unknownPartner == .create && registration.lifecycle.reopensExpired)
        #expect(registration.outcome == RegistrationOutcome(field: "stage", won: "won", lost: "lost", report: ["amount"]))
        let conflict = try #require(registration.channelConflict)
        #expect(conflict.matcher.bases == [.domain, .email] && conflict.matcher.nameThreshold == 0.85)
        #expect(conflict.onMatch == .underReview && conflict.domainField == "domain")
    }

    @Test("mistakes are reported at their key path", arguments: [
        ("{ statusField: 'stauts' }", "dealRegistration.statusField", "did you mean 'status'"),
        ("{ statusField: 'stage' }", "dealRegistration.statusField", "open"),
        ("{ statusField: 'amount' }", "dealRegistration.statusField", "decimal"),
        ("{ statusField: 'status', pendingStatus: 'approved' }", "dealRegistration.pendingStatus", "approved"),
        ("{ statusField: 'status', protectionDays: 0 }", "dealRegistration.protectionDays", "whole number"),
        ("{ statusField: 'status', expiresAtField: 'decided' }", "dealRegistration.expiresAtField", "datetime"),
        ("{ statusField: 'status', channelConflict: { match: ['domian'], domainField: 'domain' } }",
         "dealRegistration.channelConflict.match[0]", "domain"),
        ("{ statusField: 'status', channelConflict: { match: ['name'] } }", "dealRegistration.channelConflict.nameField", "nameField"),
        ("{ statusField: 'status', channelConflict: { domainField: 'domain', match: ['domain'], nameThreshold: 1.5 } }",
         "dealRegistration.channelConflict.nameThreshold", "0.5 to 1"),
        ("{ statusField: 'status', outcome: { field: 'stage', won: 'closed_won' } }", "dealRegistration.outcome.won", "closed_won"),
        ("{ statusField: 'status', protection: 30 }", "dealRegistration", "protection"),
    ])
    func mistakes(block: String, path: String, says: String) {
        let errors = Self.errors(block)
        #expect(errors.contains { $0.path.description.hasPrefix(path) && $0.description.contains(says) },
                "\(errors.map(\.description))")
    }

    @Test("the shipped deals mapping runs the registration program")
    func shipped() throws {
        let path = ConfigLoaderTests.shippedConfig.appendingPathComponent("mappings/deals.json5").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let mapping = try ConfigLoader.mapping(Array(text.utf8), file: path, remotes: nil).get()
        let registration = try #require(mapping.dealRegistration)
        #expect(registration.statusField == "registration_status" && registration.protection.days == 90)
        #expect(registration.channelConflict?.matcher.bases == Set(ChannelConflictBasis.allCases))
    }
}
