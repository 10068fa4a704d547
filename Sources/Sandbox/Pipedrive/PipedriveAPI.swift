import Foundation
import Synchronization
import SyncCore

/// The Pipedrive API v2 stand-in: personal API tokens (`x-api-token` header or
/// `api_token` query) and OAuth bearer tokens, cursor-paged lists with `updated_since`
/// (RFC 3339, whole seconds, inclusive), `sort_by`/`sort_direction`, `status` filters on
/// deals (`deleted` lists deleted deals), one record per write, soft deletes,
/// `x-ratelimit-*` headers and 429 with `Retry-After` over the 2-second burst limit.
/// Answers are `{success, data, additional_data}`; errors `{success: false, error,
/// error_info, data: null}`.
///
/// Routes: `POST /oauth/token` [pipedrive.token], `GET|POST /api/v2/{object}`
/// [pipedrive.list|create], `GET|PATCH|DELETE /api/v2/{object}/{id}`
/// [pipedrive.read|update|delete].
public final class PipedriveAPI: DialectPipeline {
    public let system = SandboxSystem.pipedrive
    public let store: SandboxStore
    public let configuration: PipedriveConfiguration
    let session = Mutex(PipedriveSession())

    public init(configuration: PipedriveConfiguration = PipedriveConfiguration(), clock: SandboxClock) {
        self.configuration = configuration
        store = SandboxStore(system: SandboxSystem.pipedrive.rawValue, clock: clock,
                             objects: configuration.objects.map(\.definition))
    }

    public func handle(_ request: HTTPServerRequest) -> SandboxResponse {
        serve(request)
    }

    let routes: [DialectRoute<PipedriveAPI>] = [
        DialectRoute("POST", "/oauth/token", "pipedrive.token", authenticated: false) { $0.token($1) },
        DialectRoute("GET", "/api/v2/:object", "pipedrive.list") { $0.list($1) },
        DialectRoute("POST", "/api/v2/:object", "pipedrive.create") { $0.create($1) },
        DialectRoute("GET", "/api/v2/:object/:id", "pipedrive.read") { $0.read($1) },
        DialectRoute("PATCH", "/api/v2/:object/:id", "pipedrive.update") { $0.update($1) },
        DialectRoute("DELETE", "/api/v2/:object/:id", "pipedrive.delete") { $0.delete($1) },
    ]

    /// Mints an OAuth access token as `/oauth/token` would.
    public func issueAccessToken() -> String {
        let now = store.clock.now()
        return session.withLock { $0.tokens.issue(prefix: "v1u:", now: now, lifetime: configuration.accessTokenLifetimeMilliseconds) }
    }

    // MARK: - Pipeline

    static func error(_ status: Int, _ message: String) -> SandboxResponse {
        .json(status, .object([
            "success": .bool(false), "error": .string(message), "errorCode": .int(status),
            "error_info": .string("Please check developers.pipedrive.com for more information about Pipedrive API."),
            "data": .null, "additional_data": .null,
        ]))
    }

    static func success(_ data: JSONValue, additional: JSONValue? = nil) -> SandboxResponse {
        var body: [String: JSONValue] = ["success": .bool(true), "data": data]
        if let additional { body["additional_data"] = additional }
        return .json(200, .object(body))
    }

    static var unauthorized: SandboxResponse { error(401, "unauthorized access") }

    static var overLimit: SandboxResponse {
        var response = error(429, "Request over limit")
        response.setHeader("Retry-After", "2")
        return response
    }

    func failure(_ failure: PipelineFailure, request: HTTPServerRequest) -> SandboxResponse {
        switch failure {
        case .notFound: return Self.error(404, "Unknown method .")
        case .methodNotAllowed: return Self.error(405, "Method not allowed")
        case let .faultNotApplied(message): return Self.error(500, message)
        case let .injected(status):
            switch status {
            case 401: return Self.unauthorized
            case 429: return Self.overLimit
            case 500...: return Self.error(status, "Internal server error")
            default: return Self.error(status, "Injected failure \(status)")
            }
        }
    }

    func authenticate(_ context: RequestContext) -> SandboxResponse? {
        let request = context.request
        if let token = request.headers["x-api-token"] ?? request.queryValue("api_token") {
            return configuration.apiTokens.contains(token) ? nil : Self.unauthorized
        }
        guard let bearer = request.credential(schemes: ["Bearer"]) else { return Self.unauthorized }
        let now = store.clock.now()
        return session.withLock({ $0.tokens.check(bearer, now: now) }) == .valid ? nil : Self.unauthorized
    }

    func expireTokens(_ context: RequestContext) -> SandboxResponse? {
        let now = store.clock.now()
        session.withLock { $0.tokens.expireAll(now: now) }
        // A personal API token cannot expire; this request fails as if it had been revoked.
        if context.request.headers["x-api-token"] != nil || context.request.queryValue("api_token") != nil {
            return Self.unauthorized
        }
        return nil
    }

    func admit(_ context: RequestContext) -> SandboxResponse? {
        let now = store.clock.now()
        let limit = configuration.burstLimit
        return session.withLock { $0.admit(now: now, limit: limit) } ? nil : Self.overLimit
    }

    func decorate(_ response: inout SandboxResponse, context: RequestContext) {
        guard context.route != "pipedrive.token" else { return }
        let limit = configuration.burstLimit ?? 80
        let now = store.clock.now()
        let (left, reset) = session.withLock { $0.remaining(now: now, limit: limit) }
        response.setHeader("x-ratelimit-limit", String(limit))
        response.setHeader("x-ratelimit-remaining", String(left))
        response.setHeader("x-ratelimit-reset", String(reset))
    }

    // MARK: - OAuth

    /// `POST /oauth/token` (form) with `grant_type=refresh_token`; the client id and
    /// secret in HTTP Basic auth (as Pipedrive documents) or in the form.
    func token(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        func refuse(_ code: String, _ message: String) -> SandboxResponse {
            .json(400, .object(["error": .string(code), "error_description": .string(message)]))
        }
        var clientID = request.formValue("client_id")
        var clientSecret = request.formValue("client_secret")
        if let basic = request.credential(schemes: ["Basic"]), let data = Data(base64Encoded: basic) {
            let pair = String(decoding: data, as: UTF8.self)
            let halves = pair.split(separator: ":", maxSplits: 1).map(String.init)
            if halves.count == 2 { (clientID, clientSecret) = (halves[0], halves[1]) }
        }
        guard request.formValue("grant_type") == "refresh_token" else {
            return refuse("unsupported_grant_type", "grant_type must be refresh_token")
        }
        guard clientID == configuration.clientID, clientSecret == configuration.clientSecret else {
            return .json(401, .object(["error": .string("invalid_client"), "error_description": .string("Invalid client")]))
        }
        guard let refresh = request.formValue("refresh_token"), configuration.refreshTokens.contains(refresh) else {
            return refuse("invalid_grant", "Invalid grant: refresh token is invalid")
        }
        return .json(200, .object([
            "access_token": .string(issueAccessToken()), "token_type": .string("Bearer"),
            "refresh_token": .string(refresh), "scope": .string("deals:full"),
            "expires_in": .int(configuration.accessTokenLifetimeMilliseconds / 1000),
            "api_domain": .string("https://sandbox.pipedrive.com"),
        ]))
    }
}
