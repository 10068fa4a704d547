import Synchronization
import SyncCore

/// The HubSpot CRM v3 stand-in: private-app and OAuth bearer tokens, the search API with
/// its 10,000-result cap, list/read/write of single objects, batch endpoints with 207
/// Multi-Status, `X-HubSpot-RateLimit-*` headers and 429s.
///
/// Routes (counted under the names in brackets; `{type}` is `deals`, `contacts`, …):
/// - `POST /oauth/v1/token` [hubspot.token]
/// - `POST /crm/v3/objects/{type}/search` [hubspot.search]
/// - `GET /crm/v3/objects/{type}` [hubspot.list], `POST` [hubspot.create]
/// - `GET|PATCH|DELETE /crm/v3/objects/{type}/{id}` [hubspot.read|update|archive]
/// - `POST /crm/v3/objects/{type}/batch/{read|create|update|upsert|archive}` [hubspot.batch.…]
public final class HubSpotAPI: DialectPipeline {
    public let system = SandboxSystem.hubspot
    public let store: SandboxStore
    public let configuration: HubSpotConfiguration
    let session = Mutex(HubSpotSession())

    public init(configuration: HubSpotConfiguration = HubSpotConfiguration(), clock: SandboxClock) {
        self.configuration = configuration
        store = SandboxStore(system: SandboxSystem.hubspot.rawValue, clock: clock,
                             objects: configuration.objects.map(\.definition))
    }

    public func handle(_ request: HTTPServerRequest) -> SandboxResponse {
        serve(request)
    }

    let routes: [DialectRoute<HubSpotAPI>] = [
        DialectRoute("POST", "/oauth/v1/token", "hubspot.token", authenticated: false) { $0.token($1) },
        DialectRoute("POST", "/crm/v3/objects/:type/search", "hubspot.search") { $0.search($1) },
        DialectRoute("POST", "/crm/v3/objects/:type/batch/read", "hubspot.batch.read") { $0.batchRead($1) },
        DialectRoute("POST", "/crm/v3/objects/:type/batch/create", "hubspot.batch.create") { $0.batchCreate($1) },
        DialectRoute("POST", "/crm/v3/objects/:type/batch/update", "hubspot.batch.update") { $0.batchUpdate($1) },
        DialectRoute("POST", "/crm/v3/objects/:type/batch/upsert", "hubspot.batch.upsert") { $0.batchUpsert($1) },
        DialectRoute("POST", "/crm/v3/objects/:type/batch/archive", "hubspot.batch.archive") { $0.batchArchive($1) },
        DialectRoute("GET", "/crm/v3/objects/:type", "hubspot.list") { $0.list($1) },
        DialectRoute("POST", "/crm/v3/objects/:type", "hubspot.create") { $0.createOne($1) },
        DialectRoute("GET", "/crm/v3/objects/:type/:id", "hubspot.read") { $0.readOne($1) },
        DialectRoute("PATCH", "/crm/v3/objects/:type/:id", "hubspot.update") { $0.updateOne($1) },
        DialectRoute("DELETE", "/crm/v3/objects/:type/:id", "hubspot.archive") { $0.archiveOne($1) },
    ]

    // MARK: - In-process helpers

    /// Mints an OAuth access token as `/oauth/v1/token` would.
    public func issueAccessToken() -> String {
        let now = store.clock.now()
        return session.withLock {
            $0.tokens.issue(prefix: "CO", now: now, lifetime: configuration.accessTokenLifetimeMilliseconds)
        }
    }

    /// Requests counted against today's limit.
    public var dailyUsage: Int { session.withLock { $0.dailyUsed } }

    public func resetSession() {
        session.withLock { $0 = HubSpotSession() }
    }

    // MARK: - Errors

    func error(_ status: Int, _ message: String, category: String, extra: [String: JSONValue] = [:]) -> SandboxResponse {
        let correlation = session.withLock { $0.correlationID() }
        return .json(status, HubSpotError.body(message, category: category, correlationID: correlation, extra: extra))
    }

    func validation(_ message: String) -> SandboxResponse {
        error(400, message, category: "VALIDATION_ERROR")
    }

    func rateLimited(_ policy: HubSpotSession.Policy) -> SandboxResponse {
        let correlation = session.withLock { $0.correlationID() }
        let name = policy.rawValue.lowercased()
        var response = SandboxResponse.json(429, .object([
            "status": .string("error"), "message": .string("You have reached your \(name) limit."),
            "errorType": .string("RATE_LIMIT"), "correlationId": .string(correlation),
            "policyName": .string(policy.rawValue), "category": .string("RATE_LIMITS"),
        ]))
        if policy != .daily { response.setHeader("Retry-After", policy == .secondly ? "1" : "10") }
        return response
    }

    private var missingCredentials: SandboxResponse {
        error(401, "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
              category: "INVALID_AUTHENTICATION")
    }

    // MARK: - Pipeline

    func failure(_ failure: PipelineFailure, request: HTTPServerRequest) -> SandboxResponse {
        switch failure {
        case .notFound: return error(404, "resource not found", category: "OBJECT_NOT_FOUND")
        case .methodNotAllowed: return error(405, "HTTP 405 Method Not Allowed", category: "VALIDATION_ERROR")
        case let .faultNotApplied(message): return error(500, message, category: "INTERNAL_ERROR")
        case let .injected(status):
            switch status {
            case 401: return missingCredentials
            case 429: return rateLimited(.tenSecondly)
            case 500...: return error(status, "internal error", category: "INTERNAL_ERROR")
            default: return error(status, "Injected failure \(status).", category: "VALIDATION_ERROR")
            }
        }
    }

    func authenticate(_ context: RequestContext) -> SandboxResponse? {
        guard let token = context.request.credential(schemes: ["Bearer"]) else { return missingCredentials }
        if configuration.privateAppTokens.contains(token) { return nil }
        let now = store.clock.now()
        switch session.withLock({ $0.tokens.check(token, now: now) }) {
        case .valid: return nil
        case .unknown: return missingCredentials
        case let .expired(ago):
            return error(401, "The OAuth token used to make this call expired \(max(1, ago / 1000)) second(s) ago.",
                         category: "EXPIRED_AUTHENTICATION")
        }
    }

    func expireTokens(_ context: RequestContext) -> SandboxResponse? {
        let now = store.clock.now()
        session.withLock { $0.tokens.expireAll(now: now) }
        // A private-app token cannot expire; this request fails as if it had been revoked.
        if let token = context.request.credential(schemes: ["Bearer"]), configuration.privateAppTokens.contains(token) {
            return missingCredentials
        }
        return nil
    }

    func admit(_ context: RequestContext) -> SandboxResponse? {
        let now = store.clock.now()
        let broken = session.withLock {
            $0.admit(now: now, isSearch: context.route == "hubspot.search", configuration: configuration)
        }
        return broken.map(rateLimited)
    }

    /// Rate-limit headers on everything but search (HubSpot's search endpoints do not send them).
    func decorate(_ response: inout SandboxResponse, context: RequestContext) {
        guard context.route != "hubspot.search", context.route != "hubspot.token" else { return }
        let now = store.clock.now()
        let (used, inWindow) = session.withLock { state in
            (state.dailyUsed, state.burst.filter { $0 > now - 10_000 }.count)
        }
        response.setHeader("X-HubSpot-RateLimit-Daily", String(configuration.dailyLimit))
        response.setHeader("X-HubSpot-RateLimit-Daily-Remaining", String(max(0, configuration.dailyLimit - used)))
        if let burst = configuration.burstLimit {
            response.setHeader("X-HubSpot-RateLimit-Interval-Milliseconds", "10000")
            response.setHeader("X-HubSpot-RateLimit-Max", String(burst))
            response.setHeader("X-HubSpot-RateLimit-Remaining", String(max(0, burst - inWindow)))
            response.setHeader("X-HubSpot-RateLimit-Secondly", String(max(1, burst / 10)))
            response.setHeader("X-HubSpot-RateLimit-Secondly-Remaining",
                               String(max(0, burst / 10 - inWindow)))
        }
    }

    // MARK: - OAuth

    /// `POST /oauth/v1/token` (form-encoded) with `grant_type=refresh_token`.
    func token(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        func refuse(_ status: String, _ message: String) -> SandboxResponse {
            let correlation = session.withLock { $0.correlationID() }
            return .json(400, .object(["status": .string(status), "message": .string(message),
                                       "correlationId": .string(correlation)]))
        }
        guard request.formValue("grant_type") == "refresh_token" else {
            return refuse("BAD_GRANT_TYPE", "grant_type must be refresh_token")
        }
        guard request.formValue("client_id") == configuration.clientID else {
            return refuse("BAD_CLIENT_ID", "missing or unknown client id")
        }
        guard request.formValue("client_secret") == configuration.clientSecret else {
            return refuse("BAD_CLIENT_SECRET", "missing or invalid client secret")
        }
        guard let refresh = request.formValue("refresh_token"), configuration.refreshTokens.contains(refresh) else {
            return refuse("BAD_REFRESH_TOKEN", "missing or unknown refresh token")
        }
        return .json(200, .object([
            "token_type": .string("bearer"),
            "refresh_token": .string(refresh),
            "access_token": .string(issueAccessToken()),
            "expires_in": .int(configuration.accessTokenLifetimeMilliseconds / 1000),
        ]))
    }

    // MARK: - Shared helpers

    /// The object type of the path; 400 "Unable to infer object type" otherwise.
    func objectType(_ context: RequestContext) throws(Refusal) -> ObjectDefinition {
        let type = context.parameter("type")
        guard let definition = store.definition(of: type) else {
            throw Refusal(error(400, "Unable to infer object type from: \(type)", category: "OBJECT_NOT_FOUND"))
        }
        return definition
    }

    /// The body as a JSON object; HubSpot's 400 otherwise.
    func jsonBody(_ request: HTTPServerRequest) throws(Refusal) -> [String: JSONValue] {
        do {
            guard let object = try JSONParser().parse(request.body).asObject else {
                throw Refusal(validation("Invalid input JSON: expected an object"))
            }
            return object
        } catch let parseError as JSONParseError {
            throw Refusal(validation("Invalid input JSON on line 1: \(parseError)"))
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw Refusal(validation("Invalid input JSON"))
        }
    }
}
