import CCurl

/// A `curl_easy_setopt` that failed: which option, and curl's code.
struct CurlOptionFailure: Error {
    let option: String
    let code: CURLcode

    var description: String {
        let reason = curl_easy_strerror(code).map { String(cString: $0) } ?? "error"
        return "\(option) was refused: \(reason)"
    }
}
