import Foundation
import Synchronization
import SyncCore

/// The Dynamics 365 / Dataverse Web API stand-in: OAuth client credentials from an Entra ID
/// look-alike (`/{tenant}/oauth2/v2.0/token`, scope `…/.default`), change tracking
/// (`Prefer: odata.track-changes`, `odata.maxpagesize`, `@odata.nextLink` with a
/// `$skiptoken`, `@odata.deltaLink` with a `$deltatoken`, `$deletedEntity` rows, `410 Gone`
/// for an expired token or one from before a change-log purge), `$batch` as multipart/mixed
/// with up to 1,000 requests (stopping at the first failure unless
/// `Prefer: odata.continue-on-error`), upsert by primary or alternate key with
/// `If-Match: *` / `If-None-Match: *`, errors as `{error: {code, message}}`.
/// Not modelled: change sets inside a batch (answered 400), `$expand`, `$orderby`.
///
/// Routes: `POST /{tenant}/oauth2/v2.0/token` [dataverse.token], `POST /api/data/v9.2/$batch`
/// [dataverse.batch], `GET /api/data/v9.2/{set}[(key)]` [dataverse.read],
/// `POST /api/data/v9.2/{set}` [dataverse.create], `PATCH /api/data/v9.2/{set}(key)`
/// [dataverse.upsert], `DELETE /api/data/v9.2/{set}(key)` [dataverse.delete]. Requests
/// inside a batch are served by the same handlers but counted once, as the batch.
public final class DataverseAPI: DialectPipeline {
    public let system = SandboxSystem.dataverse
    public let store: SandboxStore
    public let configuration: DataverseConfiguration
    let tokens = Mutex(TokenRegistry())

    static let root = "/api/data/v9.2"

    public init(configuration: DataverseConfiguration = DataverseConfiguration(), clock: SandboxClock) {
        self.configuration = configuration
        store = SandboxStore(system: SandboxSystem.dataverse.rawValue, clock: clock,
                             objects: configuration.tables.map(\.definition))
    }

    public func handle(_ request: HTTPServerRequest) -> SandboxResponse {
        serve(request)
    }

    let routes: [DialectRoute<DataverseAPI>] = [
        DialectRoute("POST", "/:tenant/oauth2/v2.0/token", "dataverse.token", authenticated: false) { $0.token($1) },
        DialectRoute("POST", root + "/$batch", "dataverse.batch") { $0.batch($1) },
        DialectRoute("GET", root + "/:resource", "dataverse.read") { $0.read($1) },
        DialectRoute("POST", root + "/:resource", "dataverse.create") { $0.create($1) },
        DialectRoute("PATCH", root + "/:resource", "dataverse.upsert") { $0.upsert($1) },
        DialectRoute("DELETE", root + "/:resource", "dataverse.delete") { $0.delete($1) },
    ]

    public func issueAccessToken() -> String {
        let now = store.clock.now()
        return tokens.withLock { $0.issue(prefix: "eyJ0eXAiOiJKV1Qi.", now: now, lifetime: configuration.accessTokenLifetimeMilliseconds) }
    }

    // MARK: - Pipeline

    static func error(_ status: Int, _ code: String, _ message: String) -> SandboxResponse {
        .json(status, .object(["error": .object(["code": .string(code), "message": .string(message)])]))
    }

    func failure(_ failure: PipelineFailure, request: HTTPServerRequest) -> SandboxResponse {
        switch failure {
        case .notFound: return Self.error(404, "0x80060888", "Resource not found for the segment '\(request.path)'.")
        case .methodNotAllowed: return Self.error(405, "0x80060888", "The HTTP method is not allowed on this resource.")
        case let .faultNotApplied(message): return Self.error(500, "0x80040216", message)
        case let .injected(status):
            switch status {
            case 401: return Self.unauthorized()
            case 429: return Self.error(429, "0x80072322",
                                        "Number of requests exceeded the limit of 6000 over time window of 300 seconds.")
            case 500...: return Self.error(status, "0x80040216", "An unexpected error occurred.")
            default: return Self.error(status, "0x80040203", "Injected failure \(status)")
            }
        }
    }

    /// Dataverse answers a missing or expired token with an empty 401 and a challenge.
    static func unauthorized() -> SandboxResponse {
        .empty(401, headers: [("WWW-Authenticate",
                               "Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize")])
    }

    func authenticate(_ context: RequestContext) -> SandboxResponse? {
        guard let token = context.request.credential(schemes: ["Bearer"]) else { return Self.unauthorized() }
        let now = store.clock.now()
        return tokens.withLock({ $0.check(token, now: now) }) == .valid ? nil : Self.unauthorized()
    }

    func expireTokens(_ context: RequestContext) -> SandboxResponse? {
        let now = store.clock.now()
        tokens.withLock { $0.expireAll(now: now) }
        return nil
    }

    func decorate(_ response: inout SandboxResponse, context: RequestContext) {
        if context.route != "dataverse.token" { response.setHeader("OData-Version", "4.0") }
    }

    /// `POST /{tenant}/oauth2/v2.0/token` (form) with `grant_type=client_credentials` and a
    /// `scope` ending in `/.default`, as Entra ID takes it.
    func token(_ context: RequestContext) -> SandboxResponse {
        let request = context.request
        func refuse(_ status: Int, _ error: String, _ description: String) -> SandboxResponse {
            .json(status, .object(["error": .string(error), "error_description": .string(description)]))
        }
        guard context.parameter("tenant") == configuration.tenantID else {
            return refuse(400, "invalid_request", "AADSTS90002: Tenant '\(context.parameter("tenant"))' not found.")
        }
        guard request.formValue("grant_type") == "client_credentials" else {
            return refuse(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.")
        }
        guard request.formValue("client_id") == configuration.clientID,
              request.formValue("client_secret") == configuration.clientSecret else {
            return refuse(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.")
        }
        guard let scope = request.formValue("scope"), scope.hasSuffix("/.default") else {
            return refuse(400, "invalid_scope", "AADSTS1002012: The provided value for scope is not valid; use https://ORG.crm.dynamics.com/.default.")
        }
        let lifetime = configuration.accessTokenLifetimeMilliseconds / 1000
        return .json(200, .object([
            "token_type": .string("Bearer"), "expires_in": .int(lifetime), "ext_expires_in": .int(lifetime),
            "access_token": .string(issueAccessToken()),
        ]))
    }

    // MARK: - Shared

    /// The address and table a request's `resource` segment names.
    func target(_ context: RequestContext) throws(Refusal) -> (DataverseAddress, DataverseConfiguration.Table) {
        let segment = context.parameter("resource")
        guard let address = DataverseAddress(segment) else {
            throw Refusal(Self.error(400, "0x80060888", "Bad Request - Error in query syntax: '\(segment)'."))
        }
        guard let table = configuration.table(address.entitySet) else {
            throw Refusal(Self.error(404, "0x80060888", "Resource not found for the segment '\(address.entitySet)'."))
        }
        return (address, table)
    }

    /// `http://host/api/data/v9.2`, for links the answers carry.
    static func serviceRoot(_ request: HTTPServerRequest) -> String {
        "http://" + (request.headers["Host"] ?? "127.0.0.1") + root
    }

    /// A row as the Web API shows it: the primary key, `createdon`/`modifiedon` in whole
    /// seconds, an `@odata.etag`, and with `$select` only the attributes asked for (null
    /// when unset).
    static func render(_ record: SandboxRecord, table: DataverseConfiguration.Table, select: [String]?) -> JSONValue {
        var all = record.fields
        all["createdon"] = .string(SandboxTime.wholeSeconds(record.createdAt))
        all["modifiedon"] = .string(SandboxTime.wholeSeconds(record.modifiedAt))
        var out: [String: JSONValue]
        if let select {
            out = [:]
            for name in select { out[name] = all[name] ?? .null }
        } else {
            out = all
        }
        out[table.primaryKey] = .string(record.id)
        out["@odata.etag"] = .string("W/\"\(record.modifiedAt)\"")
        return .object(out)
    }

    static func entityID(_ request: HTTPServerRequest, table: DataverseConfiguration.Table, id: String) -> String {
        serviceRoot(request) + "/" + table.entitySet + "(" + id + ")"
    }
}
