import Foundation
import Sandbox
import SyncHTTP
import Testing

/// TLS failures, produced locally: an https request to a plain-HTTP port fails the
/// handshake; a CA bundle that holds no certificate fails before it.
@Suite struct TLSTests {
    @Test func aFailedHandshakeIsATLSErrorAndIsRetried() throws {
        // A tiny header limit makes the server answer the binary ClientHello with a plain
        // "431" at once instead of waiting for a line end.
        let server = try LoopbackHTTPServer(limits: HTTPServerLimits(maxHeaderBytes: 16)) { _ in .respond(.empty(204)) }
        defer { server.stop() }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(maxAttempts: 3), environment: clock.environment())
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, "https://127.0.0.1:\(server.port)/")) }
        guard case .tls(let failure)? = error else {
            Issue.record("expected a TLS error, got \(String(describing: error))")
            return
        }
        #expect(failure.curlCode == 35)  // CURLE_SSL_CONNECT_ERROR
        #expect(failure.attempts == 3)
        #expect(clock.sleeps.count == 2)
    }

    @Test func anUnusableCABundleIsATLSErrorThatIsNotRetried() throws {
        let server = try LoopbackHTTPServer(limits: HTTPServerLimits(maxHeaderBytes: 16)) { _ in .respond(.empty(204)) }
        defer { server.stop() }
        let bundle = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-ca-\(UUID().uuidString).pem")
        try Data("this is not a certificate\n".utf8).write(to: bundle)
        defer { try? FileManager.default.removeItem(at: bundle) }
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(caBundlePath: bundle.path), environment: clock.environment())
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, "https://127.0.0.1:\(server.port)/")) }
        #expect(error?.kind == .tls)
        #expect(error?.failure?.curlCode == 77)  // CURLE_SSL_CACERT_BADFILE
        #expect(error?.failure?.attempts == 1)
        #expect(clock.sleeps.isEmpty)
    }
}
