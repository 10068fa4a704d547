import Foundation
import Synchronization
import Testing
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

@Suite("Salesforce session, throttling and quota")
struct SalesforceSessionTests {
    @Test("a session that expires mid-pull is re-minted once and the pull continues")
    func tokenExpiryMidRun() throws {
        let fixture = try SalesforceFixture()
        let seeded = try fixture.seedOpportunities(4500)
        fixture.store.inject(.expireTokens, route: "salesforce.queryMore")
        let (pages, summary) = try fixture.pull(nil)
        #expect(pages.records.map(\.id) == seeded.map(\.id))
        #expect(summary.pages == 3)
        #expect(fixture.count("salesforce.token") == 2)
        // The refused queryMore is sent again once with the new token.
        #expect(fixture.count("salesforce.queryMore") == 3)
        #expect(fixture.tokens.all.count == 2)
        #expect(fixture.tokens.all[0].accessToken != fixture.tokens.all[1].accessToken)
        #expect(fixture.tokens.all[1].instanceURL == fixture.loopback.baseURL)
    }

    @Test("a session refused again right after a re-mint fails with authenticationFailed, without a loop")
    func reMintOnlyOnce() throws {
        let fixture = try SalesforceFixture()
        try fixture.seedOpportunities(10)
        fixture.store.inject(.expireTokens, route: "salesforce.queryAll", times: 2)
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        guard case .authenticationFailed(_, let code, _)? = error else {
            Issue.record("expected authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(code == "INVALID_SESSION_ID")
        #expect(fixture.count("salesforce.token") == 2)
        #expect(fixture.count("salesforce.queryAll") == 2)
    }

    @Test("a saved token is used without a token request")
    func savedTokenReused() throws {
        let fixture = try SalesforceFixture(initialToken: { api, base in
            OAuthToken(accessToken: api.issueAccessToken(), instanceURL: base, issuedAt: 0)
        })
        try fixture.seedOpportunities(3)
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.count == 3)
        #expect(fixture.count("salesforce.token") == 0)
        #expect(fixture.tokens.all.isEmpty)
    }

    @Test("a saved token the org no longer accepts is replaced once and the new one saved")
    func savedTokenStale() throws {
        let fixture = try SalesforceFixture(initialToken: { _, base in
            OAuthToken(accessToken: "00Dstale!token", instanceURL: base, issuedAt: 0)
        })
        try fixture.seedOpportunities(3)
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.count == 3)
        #expect(fixture.count("salesforce.token") == 1)
        #expect(fixture.count("salesforce.queryAll") == 2)
        #expect(fixture.tokens.all.count == 1)
        #expect(fixture.tokens.all.first?.accessToken != "00Dstale!token")
    }

    @Test("a 429 is retried by the HTTP client after Retry-After, then the pull succeeds")
    func throttledThenSuccess() throws {
        let fixture = try SalesforceFixture()
        try fixture.seedOpportunities(20)
        fixture.store.inject(.status(429, retryAfter: "1"), route: "salesforce.queryAll")
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.count == 20)
        #expect(fixture.count("salesforce.queryAll") == 2)
        #expect(fixture.sleeps.all == [.seconds(1)])
        #expect(fixture.connector.usage().requests == 3)
    }

    @Test("Sforce-Limit-Info feeds usage(); below the reserve the connector stops before sending")
    func quotaReserve() throws {
        let fixture = try SalesforceFixture(configure: { $0.dailyAPILimit = 4 }, connector: {
            $0.pageSize = 200
            $0.quotaReserve = QuotaReserve(fraction: 0.25)
        })
        try fixture.seedOpportunities(1000)
        var pages: [ChangePage] = []
        let error = expectConnectorError {
            _ = try fixture.connector.pull(PullRequest(object: "Opportunity", fields: ["Name"], since: nil)) { pages.append($0) }
        }
        guard case .quotaExhausted(_, let used, let limit, _)? = error else {
            Issue.record("expected quotaExhausted, got \(String(describing: error))")
            return
        }
        #expect(used == 3)
        #expect(limit == 4)
        #expect(error?.retryableLater == false)
        #expect(pages.count == 3, "pages read before the stop were delivered")
        #expect(fixture.count("salesforce.queryMore") == 2, "the fourth page was never requested")
        let usage = fixture.connector.usage()
        #expect(usage.quotaUsed == 3)
        #expect(usage.quotaLimit == 4)
        #expect(usage.quotaRemaining == 1)
    }

    @Test("403 REQUEST_LIMIT_EXCEEDED is a quota error, not retried")
    func requestLimitExceeded() throws {
        let fixture = try SalesforceFixture(connector: {
            $0.pageSize = 200
            $0.quotaReserve = .none
        })
        try fixture.seedOpportunities(500)
        // The org's allocation runs out between two pages (another integration spent it).
        fixture.store.inject(.status(403), route: "salesforce.queryMore")
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        guard case .quotaExhausted(_, _, let limit, let message)? = error else {
            Issue.record("expected quotaExhausted, got \(String(describing: error))")
            return
        }
        #expect(limit == 100_000)
        #expect(error?.retryableLater == false)
        #expect(message.contains("TotalRequests Limit exceeded"))
        #expect(fixture.count("salesforce.queryMore") == 1)
        #expect(fixture.sleeps.all.isEmpty)
    }

    @Test("a wrong client secret is a clear token error naming no secret")
    func tokenRefused() throws {
        let fixture = try SalesforceFixture(credentialOverrides: ["salesforce-client-secret": "a-wrong-secret-value"])
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        guard case .tokenRefused(_, let status, let code, _)? = error else {
            Issue.record("expected tokenRefused, got \(String(describing: error))")
            return
        }
        #expect(status == 400)
        #expect(code == "invalid_client")
        #expect(!String(describing: error!).contains("a-wrong-secret-value"))
    }

    @Test("a missing credential is named")
    func missingCredential() throws {
        let fixture = try SalesforceFixture()
        let client = try HTTPClient(remote: testRemote("salesforce", redaction: SalesforceConnector.redaction))
        let connector = try SalesforceConnector(
            configuration: SalesforceConnector.Configuration(loginURL: fixture.loopback.baseURL),
            client: client, credentials: .fixed(["salesforce-client-id": "x"]))
        let error = expectConnectorError {
            _ = try connector.pull(PullRequest(object: "Opportunity", fields: [], since: nil)) { _ in }
        }
        #expect(error == .missingCredential(remote: "salesforce", name: "salesforce-client-secret"))
    }

    @Test("a client that would show SOQL in error URLs is refused")
    func redactionRequired() throws {
        let client = try HTTPClient(remote: testRemote("salesforce"))
        let error = expectConnectorError {
            _ = try SalesforceConnector(configuration: SalesforceConnector.Configuration(loginURL: "https://x.my.salesforce.com"),
                                        client: client, credentials: .fixed([:]))
        }
        #expect(error?.kind == .invalidConfiguration)
    }

    @Test("a refused query names the problem but never the SOQL's values (emails)")
    func queryErrorRedacted() throws {
        let fixture = try SalesforceFixture()
        let error = expectConnectorError {
            _ = try fixture.connector.lookup(object: "Opportunity", externalIdField: "No_Such_Field__c",
                                             values: ["jane.doe@example.com"])
        }
        guard case .rejected(_, _, let status, let code, _)? = error else {
            Issue.record("expected rejected, got \(String(describing: error))")
            return
        }
        #expect(status == 400)
        #expect(code == "INVALID_FIELD")
        let text = String(describing: error!)
        #expect(!text.contains("jane.doe"))
        #expect(!text.contains("example.com"))
    }
}

@Suite("Salesforce grants and bad answers")
struct SalesforceGrantTests {
    @Test("the refresh-token grant mints, keeps the refresh token and saves both")
    func refreshTokenGrant() throws {
        let fixture = try SalesforceFixture(connector: { $0.grant = .refreshToken })
        try fixture.seedOpportunities(2)
        let (pages, _) = try fixture.pull(nil)
        #expect(pages.records.count == 2)
        let saved = try #require(fixture.tokens.all.first)
        #expect(saved.refreshToken == "sandbox-sf-refresh")
        #expect(saved.instanceURL == fixture.loopback.baseURL)
        #expect(saved.expiresAt == nil)
    }

    @Test("a revoked refresh token is a clear token error")
    func refreshTokenRevoked() throws {
        let fixture = try SalesforceFixture(connector: { $0.grant = .refreshToken },
                                            credentialOverrides: ["salesforce-refresh-token": "revoked-refresh-token"])
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        #expect(error == .tokenRefused(remote: "salesforce", status: 400, code: "invalid_grant", message: "expired access/refresh token"))
        #expect(!String(describing: error!).contains("revoked-refresh-token"))
    }

    @Test("a body that is not JSON is a malformed-response error worth retrying later")
    func malformedBody() throws {
        let fixture = try SalesforceFixture()
        try fixture.seedOpportunities(3)
        fixture.store.inject(.malformedJSON, route: "salesforce.queryAll")
        let error = expectConnectorError { _ = try fixture.pull(nil) }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.retryableLater == true)
    }
}

@Suite("Salesforce connector shared by mappings")
struct SalesforceSharedTests {
    @Test("concurrent pulls on one connector mint one token and each read everything")
    func concurrentPulls() throws {
        let fixture = try SalesforceFixture()
        try fixture.seedOpportunities(2500)
        let counts = Mutex<[Int]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                var count = 0
                _ = try fixture.connector.pull(PullRequest(object: "Opportunity", fields: ["Name"], since: nil)) {
                    count += $0.records.count
                }
                counts.withLock { $0.append(count) }
            } catch {
                failures.withLock { $0.append(String(describing: error)) }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(counts.withLock { $0 } == [2500, 2500, 2500, 2500])
        #expect(fixture.count("salesforce.token") == 1)
        #expect(fixture.connector.usage().requests == 1 + 4 * 2)
    }
}
