import Foundation
import SyncHTTP
import Testing

/// The documented defaults other modules rely on.
@Suite struct DefaultsTests {
    @Test func remoteDefaultsMatchTheDesign() {
        let remote = RemoteConfig(name: "salesforce", proxy: .none)
        #expect(remote.timeouts.connect == .seconds(10))
        #expect(remote.timeouts.total == .seconds(120))
        #expect(remote.maxResponseBytes == 64 * 1024 * 1024)
        #expect(remote.retry.retryableStatuses == [408, 429, 500, 502, 503, 504])
        #expect(remote.retry.maxAttempts == 5)
        #expect(remote.caBundlePath == nil)
        #expect(remote.rateLimit == nil)
    }

    @Test func requestsDefaultToIdempotentAndAccept2xx() {
        let request = HTTPRequest(.post, "https://x")
        #expect(request.idempotent)
        #expect(request.acceptedStatuses == Set(200...299))
    }

    @Test func anUnencodableJSONBodyIsAnInvalidRequest() {
        do {
            _ = try HTTPRequest.json(.post, "https://x/y", body: ["amount": Double.nan])
            Issue.record("NaN must not encode")
        } catch {
            #expect(error.kind == .invalidRequest)
            #expect(error.description.contains("JSON body could not be encoded"))
        }
    }

    @Test func everyErrorKindHasAStableMetricLabel() {
        #expect(HTTPError.Kind.allCases.map(\.rawValue) == [
            "connect", "tls", "timeout", "transport", "status", "tooLarge", "cancelled", "invalidRequest",
            "invalidConfiguration", "curl", "dailyBudget",
        ])
    }

    @Test func curlReportsItsVersion() {
        CurlRuntime.initialize()
        CurlRuntime.initialize()
        #expect(CurlRuntime.version.hasPrefix("libcurl/"))
    }
}
