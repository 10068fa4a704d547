import Foundation
import SyncCore
import SyncHTTP

/// Any REST API we ship no dialect for (`dialect: "rest"`), configured entirely by the
/// remote's `options` (see `GenericRESTOptions`).
///
/// Such APIs rarely filter by modification time, so every pull is a **full scan**:
/// `limits.incrementalPull` is false and every `PullSummary` says `completeScan`; the
/// engine compares content hashes (`NativeRecord.contentHash`) with its store and takes a
/// known record that is absent from a complete scan as deleted. Writes are one request per
/// record. Lookups by external id need a list filter (`lookup.param`); without one they
/// find nothing and links live only in ChannelSync's store.
///
/// Requests: a pull costs one request per page (offset/page styles without a `next` or
/// `total` marker need one more, empty page when the record count is a multiple of the
/// page size); a create, PATCH update or delete costs 1; a PUT update with `merge` costs 2
/// (read, then replace); a lookup costs one per value when `lookup.param` is set, else 0.
public final class GenericRESTConnector: Connector {
    public let limits: ConnectorLimits
    public let options: GenericRESTOptions
    let remoteName: String
    let baseURL: String
    let session: APISession

    /// Most writes the engine hands over at once (each is still one request).
    public static let maxBatch = 100

    /// - Parameters:
    ///   - remote: the `rest` remote: base URL, auth and `options`.
    ///   - client: the remote's HTTP client, shared by all its mappings; its redaction must
    ///     mask the key header (`KeyAuthentication.redaction(for: remote.auth)`).
    ///   - credentials: secrets by the names in `remote.auth.credentials`.
    ///   - tokenStore: where OAuth tokens are kept between runs (OAuth kinds only).
    public init(
        remote: Remote, client: HTTPClient, credentials: CredentialSource, clock: ConnectorClock = .system,
        tokenStore: TokenStore = .none
    ) throws(ConnectorError) {
        let options: GenericRESTOptions
        switch GenericRESTOptions.parse(remote.options) {
        case .success(let parsed): options = parsed
        case .failure(let problems): throw .invalidConfiguration(remote: remote.name, reason: problems.description)
        }
        self.options = options
        remoteName = remote.name
        baseURL = remote.baseURLForPaths
        let authFailures = options.authFailureStatuses
        let rules = SessionRules(
            sessionExpired: { authFailures.contains($0.status ?? 0) },
            classify: { failure, remote, _ in
                guard let status = failure.status, authFailures.contains(status) else { return nil }
                let detail = RemoteErrorDetail.parse(failure.responseBody)
                let message = detail?.message ?? (failure.bodyExcerpt.isEmpty ? "HTTP \(status)" : failure.bodyExcerpt)
                return .authenticationFailed(remote: remote, code: detail?.code ?? "HTTP \(status)", message: message)
            })
        session = try .forRemote(remote, scheme: options.authScheme, client: client, credentials: credentials, clock: clock,
                                 tokenStore: tokenStore, rules: rules)
        limits = ConnectorLimits(maxPageSize: options.defaults.paging.pageSize ?? 10_000, maxBatch: Self.maxBatch,
                                 incrementalPull: false, oneRequestPerWrite: true)
    }

    public func usage() -> APIUsage {
        session.usage.snapshot
    }

    func url(_ template: PathTemplate, object: String, id: String? = nil) -> String {
        baseURL + template.expand(object: object, id: id)
    }

    /// A JSON write request that answers about its record (see `WriteAnswer`).
    func writeRequest(_ method: HTTPMethod, _ url: String, body: JSONValue, idempotent: Bool) -> HTTPRequest {
        var request = HTTPRequest(method, url, headers: ["Content-Type": "application/json", "Accept": "application/json"],
                                  body: JSONWriter.data(body))
        request.idempotent = idempotent
        request.acceptedStatuses = WriteAnswer.acceptedStatuses(authFailures: options.authFailureStatuses)
        return request
    }
}
