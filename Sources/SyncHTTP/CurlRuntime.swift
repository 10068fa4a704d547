import CCurl
import Glibc

/// libcurl's process-wide set-up. `curl_global_init` is not thread-safe on every build, so
/// the executable calls `initialize()` first thing, before any thread starts; clients call it
/// again (a no-op) so a library user cannot forget.
public enum CurlRuntime {
    /// The result of the one `curl_global_init`, run on first use (Swift runs a static
    /// initializer exactly once).
    private static let initResult: Int32 = {
        // CURLOPT_NOSIGNAL stops curl touching signals; then a write to a peer that closed
        // (OpenSSL writes through write(2)) must not kill the process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        return Int32(bitPattern: curl_global_init(Int(CURL_GLOBAL_ALL)).rawValue)
    }()

    /// Runs `curl_global_init` once and ignores SIGPIPE. Safe to call any number of times.
    public static func initialize() {
        _ = initResult
    }

    /// Nil when curl started, else why not.
    static var startupProblem: String? {
        let code = initResult
        guard code != 0 else { return nil }
        return "curl_global_init failed with CURLcode \(code)"
    }

    /// libcurl's version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.11 zlib/1.2.13 nghttp2/1.52.0`.
    public static var version: String {
        initialize()
        return curl_version().map { String(cString: $0) } ?? "libcurl (unknown version)"
    }
}
