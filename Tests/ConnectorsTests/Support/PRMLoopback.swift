import Foundation
import Glibc
import Synchronization
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

/// A PRM or generic stand-in on loopback, with a hook that runs before each request is
/// served: how tests change the data between two pages of one pull. The hook gets the
/// store, so it need not capture the fixture (which holds this server: a cycle would keep
/// the listener running after the test).
final class PRMLoopback: Sendable {
    let server: LoopbackHTTPServer
    let api: any SandboxAPI
    private let hook = Hook()

    private final class Hook: Sendable {
        let body = Mutex<(@Sendable (SandboxStore) -> Void)?>(nil)
    }

    init(_ api: any SandboxAPI) throws {
        self.api = api
        let hook = self.hook
        server = try LoopbackHTTPServer { request in
            if let run = hook.body.withLock({ $0 }) { run(api.store) }
            let response = api.handle(request)
            if response.transport.delayMilliseconds > 0 {
                usleep(UInt32(min(response.transport.delayMilliseconds, 60_000)) * 1000)
            }
            if response.transport.dropConnection { return .dropConnection }
            var headers = HTTPServerHeaders()
            for (name, value) in response.headers { headers.add(name, value) }
            return .respond(HTTPServerResponse(status: response.status, headers: headers, body: .bytes(Data(response.body))))
        }
    }

    deinit { server.stop() }

    var baseURL: String { server.baseURL }
    var store: SandboxStore { api.store }

    /// Runs `body` before every later request (nil removes it).
    func beforeEachRequest(_ body: (@Sendable (SandboxStore) -> Void)?) {
        hook.body.withLock { $0 = body }
    }
}

/// Builds a remote, its HTTP client (redaction from the auth block, recorded sleeps) and
/// the credentials, the way the daemon would.
struct PRMRemote {
    let remote: Remote
    let client: HTTPClient
    let credentials: CredentialSource

    init(name: String = "portal", dialect: RemoteDialect, baseURL: String, auth: RemoteAuth,
         options: [String: JSONValue] = [:], secrets: [String: String], sleeps: RecordedSleeps, maxAttempts: Int = 3,
         totalTimeout: Duration? = nil) throws {
        remote = Remote(name: name, dialect: dialect, baseURL: baseURL, auth: auth, options: options)
        var settings = testRemote(name, redaction: KeyAuthentication.redaction(for: auth), maxAttempts: maxAttempts)
        if let totalTimeout { settings.timeouts = HTTPTimeouts(connect: .seconds(10), total: totalTimeout) }
        client = try HTTPClient(remote: settings, environment: sleeps.environment)
        credentials = .fixed(secrets)
    }
}

/// Pulls to the end with `connector`, collecting every page.
func pullAll(_ connector: any Connector, object: String, fields: [String] = [], since: PullCursor?,
             overlap: Int64 = 60_000) throws -> (pages: [ChangePage], summary: PullSummary) {
    var pages: [ChangePage] = []
    let summary = try connector.pull(PullRequest(object: object, fields: fields, since: since, overlapMillis: overlap)) {
        pages.append($0)
    }
    return (pages, summary)
}

extension WriteOutcome {
    var appliedID: String? {
        if case .applied(let id, _) = result { return id }
        return nil
    }

    var failure: RemoteFailure? {
        if case .failed(let failure) = result { return failure }
        return nil
    }
}

extension Array where Element == WriteOutcome {
    subscript(key key: String) -> WriteOutcome? { first { $0.key == key } }
}
