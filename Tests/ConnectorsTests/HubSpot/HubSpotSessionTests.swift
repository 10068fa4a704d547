import Foundation
import Testing
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

@Suite("HubSpot auth, throttling and quota")
struct HubSpotSessionTests {
    @Test("an OAuth token is refreshed before expires_in runs out, without a 401 first")
    func refreshBeforeExpiry() throws {
        let fixture = try HubSpotFixture(connector: { $0.authentication = .oauth() })
        try fixture.seedDeals(5)
        let first = try fixture.pull(nil)
        #expect(first.pages.records.count == 5)
        #expect(fixture.count("hubspot.token") == 1)
        let minted = try #require(fixture.tokens.all.first)
        #expect(minted.expiresAt == minted.issuedAt + 1_800_000)
        #expect(minted.refreshToken == "sandbox-hs-refresh")

        // 20 minutes on: still good, no refresh.
        fixture.clock.advance(by: 1_200_000)
        _ = try fixture.pull(first.summary.cursor)
        #expect(fixture.count("hubspot.token") == 1)
        // 26 minutes after minting: inside the 5-minute margin, refreshed before the call.
        fixture.clock.advance(by: 360_000)
        let searchesBefore = fixture.count("hubspot.search")
        _ = try fixture.pull(first.summary.cursor)
        #expect(fixture.count("hubspot.token") == 2)
        #expect(fixture.count("hubspot.search") == searchesBefore + 1, "no refused call was repeated")
        #expect(fixture.tokens.all.count == 2)
    }

    @Test("a token revoked mid-run is refreshed once and the pull continues")
    func expiryMidRun() throws {
        let fixture = try HubSpotFixture(connector: { $0.authentication = .oauth() })
        let seeded = try fixture.seedDeals(450)
        fixture.store.inject(.expireTokens, route: "hubspot.search", times: 1)
        // The first search mints; the fault expires that token on the same request.
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.map(\.id) == seeded.map(\.id))
        #expect(fixture.count("hubspot.token") == 2)
        #expect(fixture.count("hubspot.search") == 4)
    }

    @Test("a revoked OAuth refresh token is a clear token error naming no secret")
    func refreshRefused() throws {
        let fixture = try HubSpotFixture(connector: { $0.authentication = .oauth() },
                                         credentialOverrides: ["hubspot-refresh-token": "revoked-refresh-0123"])
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        guard case .tokenRefused(_, let status, let code, let message)? = error else {
            Issue.record("expected tokenRefused, got \(String(describing: error))")
            return
        }
        #expect(status == 400)
        #expect(code == "BAD_REFRESH_TOKEN")
        #expect(message == "missing or unknown refresh token")
        #expect(!String(describing: error!).contains("revoked-refresh-0123"))
        #expect(!String(describing: error!).contains("sandbox-hs-secret"))
        #expect(fixture.count("hubspot.search") == 0)
    }

    @Test("a stored refresh token the endpoint refuses is replaced by the one in the credentials")
    func storedRefreshTokenReplaced() throws {
        let stale = OAuthToken(accessToken: "CO-expired", refreshToken: "old-refresh-token", expiresAt: 0, issuedAt: 0)
        let fixture = try HubSpotFixture(connector: { $0.authentication = .oauth() }, initialToken: stale)
        try fixture.seedDeals(3)
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.count == 3)
        #expect(fixture.count("hubspot.token") == 2)
        #expect(fixture.tokens.all.map(\.refreshToken) == ["sandbox-hs-refresh"])
    }

    @Test("a refused private-app token fails clearly, once, without showing the token")
    func privateAppRefused() throws {
        let fixture = try HubSpotFixture(credentialOverrides: ["hubspot-private-app-token": "pat-revoked-0123456789"])
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        guard case .authenticationFailed(_, let code, _)? = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(code == "INVALID_AUTHENTICATION")
        #expect(fixture.count("hubspot.search") == 1)
        #expect(!String(describing: error!).contains("pat-revoked-0123456789"))
    }

    @Test("a 429 with Retry-After is waited out by the HTTP client, then the pull succeeds")
    func throttledThenSuccess() throws {
        let fixture = try HubSpotFixture()
        try fixture.seedDeals(10)
        fixture.store.inject(.status(429), route: "hubspot.search")
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.count == 10)
        #expect(fixture.count("hubspot.search") == 2)
        #expect(fixture.sleeps.all == [.seconds(10)])
        #expect(fixture.connector.usage().throttled == 0, "the throttle cleared within the retries")
    }

    @Test("the daily limit (429 without Retry-After) is a quota error after SyncHTTP's retries")
    func dailyLimit() throws {
        let fixture = try HubSpotFixture(configure: { $0.dailyLimit = 2 })
        try fixture.seedDeals(600)
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        guard case .quotaExhausted(_, _, _, let message)? = error else {
            Issue.record("expected quotaExhausted, got \(String(describing: error))")
            return
        }
        #expect(message.contains("daily"))
        #expect(error?.retryableLater == false)
        #expect(fixture.count("hubspot.search") == 2 + 3, "two served, then the refused one and its two retries")
        #expect(fixture.sleeps.all.count == 2, "backoff without Retry-After")
        #expect(fixture.connector.usage().throttled == 1)
    }

    @Test("below the reserve of the daily limit, writes stop before sending; calls already made keep their outcomes")
    func quotaReserve() throws {
        let fixture = try HubSpotFixture(configure: { $0.dailyLimit = 10 }, connector: { $0.quotaReserve = QuotaReserve(fraction: 0.5) })
        let writes = HubSpotWriteTests.upserts(0..<1000)
        let outcomes = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: "channelsync_id", writes: writes))
        // 5 of 10 used leaves 5, at the reserve of 5: the sixth call is never sent.
        #expect(fixture.count("hubspot.batch.upsert") == 5)
        #expect(outcomes.count == 1000)
        let applied = outcomes.filter { if case .applied = $0.result { true } else { false } }
        #expect(applied.count == 500)
        #expect(fixture.store.count("deals") == 500)
        for outcome in outcomes where !applied.contains(outcome) {
            guard case .failed(let failure) = outcome.result else { continue }
            #expect(failure.code == "QUOTA_EXHAUSTED")
            #expect(failure.retryable)
        }
        // A batch whose first call is refused sends nothing: every write waits for the quota.
        let refused = try fixture.connector.write(WriteBatch(object: "deals", externalIdField: "channelsync_id", writes: writes))
        #expect(refused.count == 1000)
        #expect(refused.allSatisfy { $0.failure?.code == "QUOTA_EXHAUSTED" && $0.failure?.retryable == true })
        #expect(fixture.count("hubspot.batch.upsert") == 5)
    }
}
