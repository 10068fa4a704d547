/// The proxies to use, read once from the standard environment variables the way curl reads
/// them — `http_proxy` (lowercase only: `HTTP_PROXY` can be set by a CGI client, "httpoxy"),
/// `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY`, `no_proxy`/`NO_PROXY` — and then
/// always passed to curl explicitly. Loopback hosts never use a proxy, whatever the
/// environment says, so tests and the sandbox keep working on a CI box that has one.
public struct ProxySettings: Sendable, Equatable {
    /// For `http://` URLs. A proxy URL may carry credentials; it is never logged.
    public var httpProxy: String?
    /// For `https://` URLs (curl tunnels with CONNECT).
    public var httpsProxy: String?
    /// Host names, domains (`.example.com`), IPs or CIDR ranges reached directly; `*` means all.
    public var noProxy: [String]

    public init(httpProxy: String? = nil, httpsProxy: String? = nil, noProxy: [String] = []) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.noProxy = noProxy
    }

    /// No proxy at all, even if the environment names one.
    public static let none = ProxySettings()

    public static func fromEnvironment(_ environment: [String: String]) -> ProxySettings {
        func value(_ names: String...) -> String? {
            for name in names {
                if let value = environment[name]?.trimmingSpaces(), !value.isEmpty { return value }
            }
            return nil
        }
        let all = value("all_proxy", "ALL_PROXY")
        let noProxy = (value("no_proxy", "NO_PROXY") ?? "")
            .split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        return ProxySettings(
            httpProxy: value("http_proxy") ?? all,
            httpsProxy: value("https_proxy", "HTTPS_PROXY") ?? all,
            noProxy: noProxy)
    }

    /// The proxy for `url`, or "" for a direct connection (curl reads "" as "no proxy,
    /// ignore the environment").
    func proxy(for url: RequestURL) -> String {
        if url.isLoopback { return "" }
        switch url.scheme {
        case .http: return httpProxy ?? ""
        case .https: return httpsProxy ?? ""
        }
    }

    /// The `CURLOPT_NOPROXY` list: the configured hosts plus loopback, belt and braces.
    var curlNoProxy: String {
        (noProxy + ["localhost", "127.0.0.1", "::1"]).joined(separator: ",")
    }
}
