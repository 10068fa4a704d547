import Foundation
import Synchronization
import SyncCore

/// The Zoho CRM v8 stand-in: OAuth refresh tokens (`Authorization: Zoho-oauthtoken …`,
/// the token answer names the data centre's `api_domain`), record lists sorted by
/// `Modified_Time` with `If-Modified-Since` (304 when nothing changed, 204 when empty),
/// `page`/`per_page` up to 2,000 records and `page_token` beyond, the deleted-records
/// feed, `upsert` with `duplicate_check_fields`, batch update and delete by ids (≤ 100),
/// per-record `{code, details, message, status}` results, search by criteria.
///
/// Routes: `POST /oauth/v2/token` [zoho.token], `GET /crm/v8/{module}` [zoho.list],
/// `GET …/deleted` [zoho.deleted], `GET …/search` [zoho.search], `POST …/upsert`
/// [zoho.upsert], `PUT /crm/v8/{module}` [zoho.update], `DELETE /crm/v8/{module}?ids=`
/// [zoho.delete].
public final class ZohoAPI: DialectPipeline {
    public let system = SandboxSystem.zoho
    public let store: SandboxStore
    public let configuration: ZohoConfiguration
    let tokens = Mutex(TokenRegistry())

    public init(configuration: ZohoConfiguration = ZohoConfiguration(), clock: SandboxClock) {
        self.configuration = configuration
        store = SandboxStore(system: SandboxSystem.zoho.rawValue, clock: clock,
                             objects: configuration.modules.map(\.definition))
    }

    public func handle(_ request: HTTPServerRequest) -> SandboxResponse {
        serve(request)
    }

    let routes: [DialectRoute<ZohoAPI>] = [
        DialectRoute("POST", "/oauth/v2/token", "zoho.token", authenticated: false) { $0.token($1) },
        DialectRoute("GET", "/crm/v8/:module/deleted", "zoho.deleted") { $0.deleted($1) },
        DialectRoute("GET", "/crm/v8/:module/search", "zoho.search") { $0.search($1) },
        DialectRoute("POST", "/crm/v8/:module/upsert", "zoho.upsert") { $0.upsert($1) },
        DialectRoute("GET", "/crm/v8/:module", "zoho.list") { $0.list($1) },
        DialectRoute("PUT", "/crm/v8/:module", "zoho.update") { $0.update($1) },
        DialectRoute("DELETE", "/crm/v8/:module", "zoho.delete") { $0.delete($1) },
    ]

    public func issueAccessToken() -> String {
        let now = store.clock.now()
        return tokens.withLock { $0.issue(prefix: "1000.", now: now, lifetime: configuration.accessTokenLifetimeMilliseconds) }
    }

    // MARK: - Pipeline

    static func error(_ status: Int, _ code: String, _ message: String, details: [String: JSONValue] = [:]) -> SandboxResponse {
        .json(status, .object(["code": .string(code), "details": .object(details), "message": .string(message),
                               "status": .string("error")]))
    }

    func failure(_ failure: PipelineFailure, request: HTTPServerRequest) -> SandboxResponse {
        switch failure {
        case .notFound: return Self.error(404, "INVALID_URL_PATTERN", "Please check if the URL trying to access is a correct one")
        case .methodNotAllowed: return Self.error(405, "INVALID_REQUEST_METHOD", "The http request method type is not a valid one")
        case let .faultNotApplied(message): return Self.error(500, "INTERNAL_ERROR", message)
        case let .injected(status):
            switch status {
            case 401: return Self.error(401, "INVALID_TOKEN", "invalid oauth token")
            case 429: return Self.error(429, "TOO_MANY_REQUESTS", "The number of requests exceeded the limit")
            case 500...: return Self.error(status, "INTERNAL_ERROR", "Internal Server Error")
            default: return Self.error(status, "INVALID_DATA", "Injected failure \(status)")
            }
        }
    }

    func authenticate(_ context: RequestContext) -> SandboxResponse? {
        guard let token = context.request.credential(schemes: ["Zoho-oauthtoken"]) else {
            return Self.error(401, "AUTHENTICATION_FAILURE", "Authentication failed")
        }
        let now = store.clock.now()
        return tokens.withLock({ $0.check(token, now: now) }) == .valid ? nil : Self.error(401, "INVALID_TOKEN", "invalid oauth token")
    }

    func expireTokens(_ context: RequestContext) -> SandboxResponse? {
        let now = store.clock.now()
        tokens.withLock { $0.expireAll(now: now) }
        return nil
    }

    /// `POST /oauth/v2/token` (form) with `grant_type=refresh_token`. Zoho answers 200 with
    /// `{error: …}` for a bad grant.
    func token(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        guard request.formValue("grant_type") == "refresh_token" else {
            return .json(200, .object(["error": .string("unsupported_grant_type")]))
        }
        guard request.formValue("client_id") == configuration.clientID,
              request.formValue("client_secret") == configuration.clientSecret else {
            return .json(200, .object(["error": .string("invalid_client")]))
        }
        guard let refresh = request.formValue("refresh_token"), configuration.refreshTokens.contains(refresh) else {
            return .json(200, .object(["error": .string("invalid_code")]))
        }
        let host = request.headers["Host"].map { "http://" + $0 } ?? "https://www.zohoapis.com"
        return .json(200, .object([
            "access_token": .string(issueAccessToken()), "scope": .string("ZohoCRM.modules.ALL"),
            "api_domain": .string(host), "token_type": .string("Bearer"),
            "expires_in": .int(configuration.accessTokenLifetimeMilliseconds / 1000),
        ]))
    }

    // MARK: - Shared

    func module(_ context: RequestContext) throws(Refusal) -> ObjectDefinition {
        let name = context.parameter("module")
        guard let definition = store.definition(of: name) else {
            throw Refusal(Self.error(400, "INVALID_MODULE", "the module name given seems to be invalid", details: [:]))
        }
        return definition
    }

    /// A record as Zoho shows it: string `id`, `Created_Time` and `Modified_Time` in
    /// whole seconds with an offset.
    static func render(_ record: SandboxRecord) -> JSONValue {
        var out = record.fields
        out["id"] = .string(record.id)
        out["Created_Time"] = .string(SandboxTime.wholeSeconds(record.createdAt, zone: "+00:00"))
        out["Modified_Time"] = .string(SandboxTime.wholeSeconds(record.modifiedAt, zone: "+00:00"))
        return .object(out)
    }
}
