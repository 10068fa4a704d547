import Synchronization
import SyncCore

/// The Salesforce REST API stand-in: OAuth token endpoint, SOQL `query`/`queryAll` with
/// query locators, the delete log, sObject Collections writes, `Sforce-Limit-Info`.
///
/// Routes (counted under the names in brackets):
/// - `POST /services/oauth2/token` [salesforce.token]
/// - `GET /services/data/vNN.N/query?q=…` [salesforce.query], `…/queryAll?q=…` [salesforce.queryAll]
/// - `GET /services/data/vNN.N/query/{locator}-{offset}` (or `queryAll/…`) [salesforce.queryMore]
/// - `GET /services/data/vNN.N/sobjects/{T}/deleted/?start=&end=` [salesforce.deleted]
/// - `GET /services/data/vNN.N/sobjects/{T}/{id}` [salesforce.retrieve]
/// - `PATCH /services/data/vNN.N/composite/sobjects/{T}/{ExternalIdField}` [salesforce.composite.upsert]
/// - `POST|PATCH|DELETE /services/data/vNN.N/composite/sobjects` [salesforce.composite.create|update|delete]
public final class SalesforceAPI: DialectPipeline {
    public let system = SandboxSystem.salesforce
    public let store: SandboxStore
    public let configuration: SalesforceConfiguration
    let session = Mutex(SalesforceSession())

    public init(configuration: SalesforceConfiguration = SalesforceConfiguration(), clock: SandboxClock) {
        self.configuration = configuration
        store = SandboxStore(system: SandboxSystem.salesforce.rawValue, clock: clock,
                             objects: configuration.objects.map(\.definition))
    }

    public func handle(_ request: HTTPServerRequest) -> SandboxResponse {
        serve(request)
    }

    let routes: [DialectRoute<SalesforceAPI>] = [
        DialectRoute("POST", "/services/oauth2/token", "salesforce.token", authenticated: false) { $0.token($1) },
        DialectRoute("GET", "/services/data/:version/query", "salesforce.query") { $0.query($1, all: false) },
        DialectRoute("GET", "/services/data/:version/queryAll", "salesforce.queryAll") { $0.query($1, all: true) },
        DialectRoute("GET", "/services/data/:version/query/:locator", "salesforce.queryMore") { $0.queryMore($1) },
        DialectRoute("GET", "/services/data/:version/queryAll/:locator", "salesforce.queryMore") { $0.queryMore($1) },
        DialectRoute("GET", "/services/data/:version/sobjects/:object/deleted", "salesforce.deleted") { $0.deleted($1) },
        DialectRoute("GET", "/services/data/:version/sobjects/:object/:id", "salesforce.retrieve") { $0.retrieve($1) },
        DialectRoute("PATCH", "/services/data/:version/composite/sobjects/:object/:field", "salesforce.composite.upsert") {
            $0.upsert($1)
        },
        DialectRoute("POST", "/services/data/:version/composite/sobjects", "salesforce.composite.create") { $0.create($1) },
        DialectRoute("PATCH", "/services/data/:version/composite/sobjects", "salesforce.composite.update") { $0.update($1) },
        DialectRoute("DELETE", "/services/data/:version/composite/sobjects", "salesforce.composite.delete") {
            $0.deleteRecords($1)
        },
    ]

    // MARK: - In-process helpers for tests

    /// Mints an access token as the token endpoint would.
    public func issueAccessToken() -> String {
        let now = store.clock.now()
        return session.withLock {
            $0.tokens.issue(prefix: "00D5g000000SBOX!AQ", now: now, lifetime: configuration.sessionLifetimeMilliseconds)
        }
    }

    /// API calls counted against today's allocation.
    public var apiUsage: Int { session.withLock { $0.usage } }

    /// Forgets API usage, open cursors and issued tokens.
    public func resetSession() {
        session.withLock { $0 = SalesforceSession() }
    }

    // MARK: - Pipeline

    func failure(_ failure: PipelineFailure, request: HTTPServerRequest) -> SandboxResponse {
        switch failure {
        case .notFound: return SalesforceError.notFound
        case .methodNotAllowed:
            return SalesforceError.response(405, "METHOD_NOT_ALLOWED", "HTTP Method '\(request.method)' not allowed.")
        case let .faultNotApplied(message): return SalesforceError.response(500, "UNKNOWN_EXCEPTION", message)
        case let .injected(status):
            switch status {
            case 401: return SalesforceError.invalidSession
            case 403: return SalesforceError.response(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
            case 429: return SalesforceError.response(429, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded.")
            case 503: return SalesforceError.response(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable.")
            case 500...: return SalesforceError.response(status, "UNKNOWN_EXCEPTION",
                                                         "An unexpected error occurred. Please include this ErrorId if you contact support: 1234567-89012 (-1234567890)")
            default: return SalesforceError.response(status, "BAD_REQUEST", "Injected failure \(status).")
            }
        }
    }

    func authenticate(_ context: RequestContext) -> SandboxResponse? {
        guard let token = context.request.credential(schemes: ["Bearer", "OAuth"]) else {
            return SalesforceError.invalidSession
        }
        let now = store.clock.now()
        let check = session.withLock { $0.tokens.check(token, now: now) }
        return check == .valid ? nil : SalesforceError.invalidSession
    }

    func expireTokens(_ context: RequestContext) -> SandboxResponse? {
        let now = store.clock.now()
        session.withLock { $0.tokens.expireAll(now: now) }
        return nil
    }

    func admit(_ context: RequestContext) -> SandboxResponse? {
        let now = store.clock.now()
        let used = session.withLock { $0.countUsage(now: now) }
        guard used > configuration.dailyAPILimit else { return nil }
        return SalesforceError.response(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")
    }

    func decorate(_ response: inout SandboxResponse, context: RequestContext) {
        guard context.route != "salesforce.token" else { return }
        let used = session.withLock { $0.usage }
        response.setHeader("Sforce-Limit-Info", "api-usage=\(used)/\(configuration.dailyAPILimit)")
    }

    // MARK: - OAuth

    /// `POST /services/oauth2/token` (form-encoded): `client_credentials` or `refresh_token`.
    func token(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        func oauthError(_ code: String, _ description: String) -> SandboxResponse {
            .json(400, .object(["error": .string(code), "error_description": .string(description)]))
        }
        let grant = request.formValue("grant_type") ?? ""
        guard request.formValue("client_id") == configuration.clientID else {
            return oauthError("invalid_client_id", "client identifier invalid")
        }
        switch grant {
        case "client_credentials":
            guard request.formValue("client_secret") == configuration.clientSecret else {
                return oauthError("invalid_client", "invalid client credentials")
            }
        case "refresh_token":
            if let secret = request.formValue("client_secret"), secret != configuration.clientSecret {
                return oauthError("invalid_client", "invalid client credentials")
            }
            guard let refresh = request.formValue("refresh_token"), configuration.refreshTokens.contains(refresh) else {
                return oauthError("invalid_grant", "expired access/refresh token")
            }
        default:
            return oauthError("unsupported_grant_type", "grant type not supported")
        }
        let now = store.clock.now()
        let token = issueAccessToken()
        let instance = request.headers["Host"].map { "http://\($0)" } ?? "http://127.0.0.1"
        return .json(200, .object([
            "access_token": .string(token),
            "instance_url": .string(instance),
            "id": .string("\(instance)/id/00D5g000000SBOXEAA/0055g000000SBOXAAA"),
            "token_type": .string("Bearer"),
            "issued_at": .string(String(now)),
            "signature": .string(Base62.encode(now, width: 43) + "="),
            "scope": .string("api"),
        ]))
    }

    // MARK: - Shared helpers

    /// `v59.0` style versions only.
    static func isVersion(_ text: String) -> Bool {
        guard text.hasPrefix("v") else { return false }
        let parts = text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    func recordURL(version: String, object: String, id: String) -> String {
        "/services/data/\(version)/sobjects/\(object)/\(id)"
    }

    /// A record as a query or retrieve shows it: `attributes`, then the selected fields.
    func render(_ record: SandboxRecord, object: String, fields: [SalesforceField], version: String) -> JSONValue {
        var out: [String: JSONValue] = [
            "attributes": .object(["type": .string(object), "url": .string(recordURL(version: version, object: object, id: record.id))]),
        ]
        for field in fields {
            guard case let .stored(name) = field, name.utf8.contains(UInt8(ascii: ".")) else {
                out[field.outputName] = field.rendered(record)
                continue
            }
            // A relationship path: nest it under the relationship name.
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            let parent = record.fields[parts[0]]
            guard case var .object(nested)? = out[parts[0]] ?? parent.map({ _ in JSONValue.object([:]) }) else {
                out[parts[0]] = .null
                continue
            }
            nested["attributes"] = .object(["type": .string(parts[0])])
            nested[parts[1]] = record.value(at: name) ?? .null
            out[parts[0]] = .object(nested)
        }
        return .object(out)
    }
}
