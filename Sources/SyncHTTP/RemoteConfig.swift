import Foundation

/// Everything the client needs to know about one remote (a Salesforce org, a PRM tenant).
/// There is deliberately no setting that turns TLS verification off.
public struct RemoteConfig: Sendable {
    /// A short name for logs, errors and metrics, e.g. `salesforce`.
    public var name: String
    public var timeouts: HTTPTimeouts
    /// The largest response body accepted, after decompression; default 64 MiB.
    public var maxResponseBytes: Int
    /// A PEM bundle of CA certificates to trust instead of the system store.
    public var caBundlePath: String?
    public var proxy: ProxySettings
    public var retry: RetryPolicy
    /// Nil: no client-side budget (the remote's 429s still slow us down).
    public var rateLimit: RateLimit?
    public var redaction: Redaction
    public var userAgent: String

    public init(
        name: String, timeouts: HTTPTimeouts = .standard, maxResponseBytes: Int = 64 << 20,
        caBundlePath: String? = nil,
        proxy: ProxySettings = .fromEnvironment(ProcessInfo.processInfo.environment),
        retry: RetryPolicy = .standard, rateLimit: RateLimit? = nil,
        redaction: Redaction = .standard, userAgent: String = "channelsync"
    ) {
        self.name = name
        self.timeouts = timeouts
        self.maxResponseBytes = maxResponseBytes
        self.caBundlePath = caBundlePath
        self.proxy = proxy
        self.retry = retry
        self.rateLimit = rateLimit
        self.redaction = redaction
        self.userAgent = userAgent
    }

    func validate() throws(HTTPError) {
        let problems = [
            name.isEmpty ? "the remote needs a name" : nil,
            timeouts.problem, retry.problem, rateLimit?.problem,
            maxResponseBytes < 1 ? "maxResponseBytes must be positive, got \(maxResponseBytes)" : nil,
            caBundlePath.flatMap { path in
                FileManager.default.isReadableFile(atPath: path) ? nil : "caBundlePath \(path) is not a readable file"
            },
            userAgent.utf8.contains { $0 < 0x20 || $0 == 0x7F } ? "userAgent contains a control character" : nil,
        ].compactMap { $0 }
        if let first = problems.first {
            throw HTTPError.invalidConfiguration(remote: name, reason: first)
        }
    }
}
