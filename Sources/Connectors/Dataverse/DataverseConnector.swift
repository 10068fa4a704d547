import Foundation
import SyncCore
import SyncHTTP

/// Microsoft Dynamics 365 / Dataverse (`dialect: "dataverse"`), Web API v9.2 at
/// `https://ORG.crm.dynamics.com/api/data/v9.2/`, with OAuth client credentials from
/// Entra ID (`auth.kind: oauthClientCredentials`, `tokenURL`
/// `https://login.microsoftonline.com/TENANT/oauth2/v2.0/token`, scope `baseURL/.default`
/// unless `auth.scope` says otherwise). Objects are entity sets (`opportunities`, `leads`).
///
/// - Pull: change tracking. With no delta link (first sync, full scan): `GET /{set}?$select=…`
///   with `Prefer: odata.track-changes, odata.maxpagesize=N`, following `@odata.nextLink`; the
///   last page's `@odata.deltaLink` is the cursor. Later pulls call the delta link: changed
///   rows, and removed ones as `$deletedEntity` entries. `410 Gone` (the token expired or the
///   change log was purged) takes a new baseline in the same pull and reports a complete
///   scan, so the engine finds deletes by absence. Intermediate pages carry the previous
///   cursor, so a pull cut short repeats from the old delta link (re-reading is harmless).
/// - Write: one `POST /$batch` (multipart/mixed, OData 4.0) per ≤ 1,000 writes with
///   `Prefer: odata.continue-on-error`: creates are `PATCH /{set}(externalIdField='value')`
///   (upsert by alternate key, so a repeated create updates; `201`/`200` from
///   `return=representation` tell created from updated), updates `PATCH /{set}(id)` with
///   `If-Match: *` (never creates), deletes `DELETE /{set}(id)`; each part's own status and
///   `{error: {code, message}}` become that write's outcome.
/// - Lookup: `$filter=field eq 'a' or field eq 'b'`, 25 values a request.
/// - Service protection: 429 with `Retry-After` is retried by the HTTP client after the wait.
///
/// Requests: a pull costs `ceil(N / pageSize)` (at least 1); writes `ceil(n / batchSize)`.
public final class DataverseConnector: Connector {
    public let limits: ConnectorLimits
    public let options: DataverseOptions
    let remoteName: String
    let baseURL: String
    let session: APISession
    let clock: ConnectorClock

    static let lookupValues = 25

    public init(
        remote: Remote, client: HTTPClient, credentials: CredentialSource, clock: ConnectorClock = .system,
        tokenStore: TokenStore = .none
    ) throws(ConnectorError) {
        let (options, problems) = DataverseOptions.read(remote.options)
        guard problems.isEmpty, remote.auth.kind == .oauthClientCredentials else {
            let reason = problems.isEmpty
                ? "auth.kind: Dataverse needs oauthClientCredentials, not \(remote.auth.kind.rawValue)"
                : problems.joined(separator: "; ")
            throw .invalidConfiguration(remote: remote.name, reason: reason)
        }
        self.options = options
        self.clock = clock
        remoteName = remote.name
        baseURL = remote.baseURL.hasSuffix("/") ? String(remote.baseURL.dropLast()) : remote.baseURL
        var scoped = remote
        // Entra ID wants the environment's `.default` scope for a client-credentials token.
        if (scoped.auth.scope ?? "").isEmpty { scoped.auth.scope = baseURL + "/.default" }
        session = try APISession.forRemote(scoped, client: client, credentials: credentials, clock: clock,
                                           tokenStore: tokenStore)
        limits = ConnectorLimits(maxPageSize: options.pageSize, maxBatch: options.batchSize, incrementalPull: true)
    }

    public func usage() -> APIUsage {
        session.usage.snapshot
    }

    /// `{baseURL}{apiPath}`.
    var serviceRoot: String { baseURL + options.apiPath }

    /// The entity set name, checked to be safe in a URL path.
    func entitySet(_ object: String) throws(ConnectorError) -> String {
        guard object.isPlainPathSegment else {
            throw .invalidRequest(remote: remoteName, reason: "'\(object)' is not a Dataverse entity set name")
        }
        return object
    }

    /// A GET with the OData headers; `prefer` adds a `Prefer` header.
    func read(_ url: String, query: [URLQueryItem] = [], prefer: [String] = []) -> HTTPRequest {
        var request = HTTPRequest(.get, url, query: query, headers: Self.odataHeaders)
        if !prefer.isEmpty { request.headers["Prefer"] = prefer.joined(separator: ", ") }
        return request
    }

    static let odataHeaders: HTTPHeaders = ["Accept": "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0"]

    /// A next or delta link the service returned, refused unless it points back into this
    /// remote's service root (the access token goes with it).
    func followable(_ link: String, endpoint: String) throws(ConnectorError) -> String {
        guard link.hasPrefix(serviceRoot + "/") else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint,
                                     reason: "a next or delta link outside \(serviceRoot)")
        }
        return link
    }

    /// A row as a `NativeRecord`: id from the primary key, time from `modifiedon`.
    func record(_ item: JSONValue, key: String, endpoint: String) throws(ConnectorError) -> NativeRecord {
        guard let id = item[key: key]?.scalarText, !id.isEmpty else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "a row without \(key)")
        }
        guard let text = item[key: "modifiedon"]?.stringValue, let modified = RemoteTimestamp.parse(text) else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "row \(id) has no modifiedon")
        }
        return NativeRecord(id: id, modifiedAt: modified, fields: item)
    }

    /// The columns a read selects: the mapping's, the primary key and `modifiedon`.
    func columns(_ fields: [String], key: String) throws(ConnectorError) -> String {
        var names: [String] = []
        for field in fields where !field.isEmpty && field != key && field != "modifiedon" && !names.contains(field) {
            guard OptionReader.isIdentifier(field) else {
                throw .invalidRequest(remote: remoteName, reason: "'\(field)' is not a Dataverse column name")
            }
            names.append(field)
        }
        return (names + [key, "modifiedon"]).joined(separator: ",")
    }
}
