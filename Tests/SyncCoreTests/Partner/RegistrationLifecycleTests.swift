import Testing
@testable import SyncCore

/// The lifecycle table: the legal paths of common programs, who may take each, and the
/// extension rule.
@Suite struct RegistrationLifecycleTests {
    let lifecycle = RegistrationLifecycle()

    @Test("the paths programs use are allowed to the actor who takes them", arguments: [
        (RegistrationStatus?.none, RegistrationStatus.submitted, RegistrationActor.partner),
        (.submitted, .approved, .vendor), (.submitted, .rejected, .vendor), (.submitted, .returned, .vendor),
        (.submitted, .duplicate, .daemon), (.underReview, .approved, .vendor), (.returned, .submitted, .partner),
        (.approved, .won, .vendor), (.approved, .lost, .vendor), (.approved, .expired, .daemon),
        (.submitted, .canceled, .partner), (.approved, .approved, .partner),
    ])
    func allowed(from: RegistrationStatus?, to: RegistrationStatus, actor: RegistrationActor) {
        #expect(lifecycle.check(from: from, to: to, by: actor) == .allowed)
    }

    @Test("illegal transitions and the wrong actor are refused with a reason", arguments: [
        (RegistrationStatus.expired, RegistrationStatus.approved, RegistrationActor.vendor, "extension"),
        (.rejected, .approved, .partner, "not a registration transition"),
        (.submitted, .approved, .partner, "made by the vendor"),
        (.won, .submitted, .partner, "not a registration transition"),
        (.returned, .approved, .vendor, "not a registration transition"),
        (.approved, .expired, .partner, "made by the daemon or vendor"),
    ])
    func refused(from: RegistrationStatus, to: RegistrationStatus, actor: RegistrationActor, says: String) {
        guard case let .refused(reason) = lifecycle.check(from: from, to: to, by: actor) else {
            Issue.record("\(from) → \(to) by \(actor) was allowed")
            return
        }
        #expect(reason.contains(says), "\(reason)")
    }

    @Test("the extension rule re-opens expired registrations, for the vendor only")
    func extensionRule() {
        let extending = RegistrationLifecycle(reopensExpired: true)
        #expect(extending.check(from: .expired, to: .approved, by: .vendor) == .extended)
        #expect(!extending.check(from: .expired, to: .approved, by: .partner).isAllowed)
    }

    @Test("closed statuses stay closed: no transition leaves them but the extension")
    func closedStaysClosed() {
        let closed: [RegistrationStatus] = [.rejected, .duplicate, .expired, .canceled, .won, .lost]
        for from in closed {
            for to in RegistrationStatus.allCases where to != from {
                for actor in RegistrationActor.allCases {
                    #expect(!lifecycle.check(from: from, to: to, by: actor).isAllowed, "\(from) → \(to) by \(actor)")
                }
            }
        }
    }

    @Test("the protection period counts calendar days from the decision, in UTC")
    func protection() throws {
        let decided: Int64 = 1_704_103_200_000  // 2024-01-01T10:00:00Z
        let expiry = try #require(ProtectionPeriod(days: 90).expiry(decidedAt: decided))
        #expect(expiry.description == "2024-03-31")
        #expect(!ProtectionPeriod.hasExpired(expiry, now: decided + 90 * 86_400_000))
        #expect(ProtectionPeriod.hasExpired(expiry, now: decided + 91 * 86_400_000))
        #expect(ProtectionPeriod.date(ofMillis: -1)?.description == "1969-12-31")
    }
}
