/// The options of a remote's curl handle that are the same for every request: applied once
/// to the handle (and again only after a failed option left it reset), instead of on every
/// request.
struct CurlHandleSettings: Sendable, Equatable {
    var connectTimeoutMilliseconds: Int
    var lowSpeedBytesPerSecond: Int
    var lowSpeedSeconds: Int
    var caBundlePath: String?
    var userAgent: String
    /// The `CURLOPT_NOPROXY` list.
    var noProxy: String

    init(remote: RemoteConfig) {
        let timeouts = remote.timeouts
        connectTimeoutMilliseconds = timeouts.connect.wholeMillisecondsRoundedUp
        lowSpeedBytesPerSecond = timeouts.lowSpeedBytesPerSecond
        lowSpeedSeconds = (timeouts.lowSpeedTime.wholeMillisecondsRoundedUp + 999) / 1000
        caBundlePath = remote.caBundlePath
        userAgent = remote.userAgent
        noProxy = remote.proxy.curlNoProxy
    }
}
