import Foundation
import SyncCore
import SyncHTTP

/// An Impartner-style PRM object API (`dialect: "impartner"`):
/// `GET {apiPath}/{Object}?fields=&filter=&orderby=&take=&skip=` answering
/// `{success, data: {count, entity, results}}` (a bare `{count, entity, results}` is read
/// too), creates by `POST {apiPath}/{Object}`, updates by `PATCH …/{id}`, deletes by
/// `DELETE …/{id}`, one record per request.
///
/// - Pull: incremental on `updated` (`filter=updated ge <since − overlap>`, `orderby=updated
///   asc, id asc`), paged by keyset — each page filters from the last stamp seen and skips
///   only the records already read at that stamp — so an edit during paging, which moves a
///   record to the end, cannot shift an unread record out of reach as plain `skip` paging
///   would. `(id, modstamp)` pairs already delivered in the overlap window are skipped.
///   No delete feed: deletes are only noticed by a full pull (`since == nil`).
/// - Lookup: one request per value, `filter=<externalIdField> eq '<value>'`.
///
/// Requests: a pull costs `ceil(N / pageSize)` (at least 1) for N records changed since
/// `highWater − overlap`; each create, update and delete costs 1; a lookup costs 1 per
/// distinct value.
public final class ImpartnerConnector: Connector {
    public let limits: ConnectorLimits
    public let options: ImpartnerOptions
    let remoteName: String
    let apiURL: String
    let modifiedPath: ResponsePath
    let session: APISession

    /// Writes handed over at once (each is still one request).
    public static let maxBatch = 100

    /// - Parameters:
    ///   - remote: the `impartner` remote: base URL, auth (`bearer` with `authScheme`, or
    ///     `apiKey`) and `options` (`ImpartnerOptions`).
    ///   - client: the remote's HTTP client; its redaction must mask the key header.
    ///   - credentials: secrets by the names in `remote.auth.credentials`.
    public init(
        remote: Remote, client: HTTPClient, credentials: CredentialSource, clock: ConnectorClock = .system,
        tokenStore: TokenStore = .none
    ) throws(ConnectorError) {
        let (options, problems) = ImpartnerOptions.read(remote.options)
        if !problems.isEmpty {
            throw .invalidConfiguration(remote: remote.name, reason: problems.joined(separator: "; "))
        }
        self.options = options
        remoteName = remote.name
        apiURL = remote.baseURLForPaths + options.apiPath
        modifiedPath = ResponsePath(options.modifiedField) ?? .root
        session = try .forRemote(remote, scheme: options.authScheme, client: client, credentials: credentials, clock: clock,
                                 tokenStore: tokenStore)
        limits = ConnectorLimits(maxPageSize: options.pageSize, maxBatch: Self.maxBatch, incrementalPull: true,
                                 oneRequestPerWrite: true)
    }

    public func usage() -> APIUsage {
        session.usage.snapshot
    }

    /// `{apiPath}/{Object}[/{id}]`, after checking the object is a plain name.
    func objectURL(_ object: String, id: String? = nil) throws(ConnectorError) -> String {
        guard ImpartnerQuery.isPath(object), !object.contains(".") else {
            throw .invalidRequest(remote: remoteName, reason: "'\(object)' is not an Impartner object name")
        }
        guard let id else { return apiURL + "/" + object }
        return apiURL + "/" + object + "/" + PathTemplate.encodeSegment(id)
    }

    /// The `{count, entity, results}` part of a list answer, enveloped in `data` or not.
    static func listData(_ body: JSONValue) -> [String: JSONValue]? {
        if let data = body[key: "data"]?.objectValue, data["results"] != nil { return data }
        if let members = body.objectValue, members["results"] != nil { return members }
        return nil
    }

    /// A result as a `NativeRecord`: its `id` as text, `updated` as epoch milliseconds.
    func record(_ value: JSONValue, endpoint: String) throws(ConnectorError) -> NativeRecord {
        guard case .object(let members) = value, let id = members["id"]?.scalarText, !id.isEmpty else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint, reason: "a result without an id")
        }
        guard let stamp = Self.time(modifiedPath.read(value)) else {
            throw .malformedResponse(remote: remoteName, endpoint: endpoint,
                                     reason: "result \(id) has no readable '\(options.modifiedField)' time")
        }
        return NativeRecord(id: id, modifiedAt: stamp, fields: value)
    }

    /// ISO 8601 text (with or without zone) or epoch milliseconds.
    static func time(_ value: JSONValue?) -> Int64? {
        switch value {
        case .string(let text)?: RemoteTimestamp.parse(text) ?? ISO8601Instant.parse(text)
        case .number?: value?.int64Value
        default: nil
        }
    }
}
