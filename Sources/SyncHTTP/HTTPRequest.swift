import Foundation

/// One request to a remote, as a connector describes it. Holds secrets (the `Authorization`
/// header, tokens in the query); its descriptions and mirror never show them.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    /// An absolute `http://` or `https://` URL; may already carry a query (e.g. a
    /// `nextRecordsUrl` joined to the instance URL).
    public var url: String
    /// Appended to `url`, percent-encoded by the client (space → `%20`, `+` → `%2B`).
    public var query: [URLQueryItem]
    public var headers: HTTPHeaders
    public var body: Data?
    /// Whether repeating the request after it may have reached the server is harmless.
    ///
    /// Defaults to `true` even for POST and PATCH: ChannelSync writes are upserts keyed by an
    /// external id, so a repeated write updates instead of duplicating. Set `false` for a
    /// request that must not run twice (e.g. a plain create): it is then retried only when it
    /// certainly never left (DNS, connect and TLS-handshake failures).
    public var idempotent: Bool
    /// Statuses returned as a response; any other status throws `HTTPError.status`. A lookup
    /// by external id can add 404 here to treat "not found" as an answer.
    public var acceptedStatuses: Set<Int>
    /// Overrides the remote's total timeout for this request (e.g. a slow bulk endpoint).
    public var totalTimeout: Duration?
    /// Secret values this request carries outside headers and query, e.g. a client secret in
    /// a form body; they are scrubbed from any error text or log line derived from it.
    public var secretValues: [String]

    public init(
        _ method: HTTPMethod, _ url: String, query: [URLQueryItem] = [],
        headers: HTTPHeaders = [:], body: Data? = nil
    ) {
        self.method = method
        self.url = url
        self.query = query
        self.headers = headers
        self.body = body
        self.idempotent = true
        self.acceptedStatuses = Self.successStatuses
        self.totalTimeout = nil
        self.secretValues = []
    }

    /// 200–299, built once: a request is made for every record a PRM updates one at a
    /// time, and hashing a hundred statuses for each was measurable.
    public static let successStatuses = Set(200...299)

    /// `url` with `query` appended, as sent on the wire.
    public var fullURL: String {
        guard !query.isEmpty else { return url }
        let encoded = query.map { item in
            let name = PercentEncoding.encodeQueryComponent(item.name)
            guard let value = item.value else { return name }
            return name + "=" + PercentEncoding.encodeQueryComponent(value)
        }.joined(separator: "&")
        let base = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? url
        let separator = base.contains("?") ? (base.hasSuffix("?") || base.hasSuffix("&") ? "" : "&") : "?"
        return base + separator + encoded
    }
}
