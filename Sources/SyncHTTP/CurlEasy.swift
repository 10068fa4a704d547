import CCurl
import Foundation

/// One long-lived libcurl easy handle: it keeps the connection cache, DNS cache and TLS
/// session cache, so consecutive requests to a remote reuse one connection.
///
/// The options every request of the remote shares (`CurlHandleSettings`, the callbacks,
/// TLS verification, …) are applied once; a transfer sets only what its request changes
/// (URL, method, headers, body, proxy, timeout, fresh connection) and, after it, clears
/// every pointer into memory that dies with it. `curl_easy_reset` and a full re-apply
/// happen only when an option was refused, so nothing half-set leaks into the next request.
///
/// Not Sendable: a handle may be used by one thread at a time. `HTTPClient` keeps it inside a
/// `Mutex` and runs each transfer while holding the lock.
final class CurlEasy {
    private let handle: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER: curl writes a message here when a transfer fails.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let settings: CurlHandleSettings
    /// What the callbacks write into; lives as long as the handle, which points at it.
    private let state: TransferState
    /// Whether the shared options are on the handle.
    private var configured = false
    /// The per-request options' current values on the handle, so an unchanged one is not
    /// set again; nil = unknown (set it).
    private var currentProxy: String?
    private var currentTimeout: Int?
    private var currentFresh: Bool?

    init?(settings: CurlHandleSettings, cancellation: HTTPCancellation) {
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.settings = settings
        state = TransferState(limit: 0, cancellation: cancellation)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Runs one transfer with the handle's shared options plus the plan's own.
    func transfer(_ plan: TransferPlan) -> TransferResult {
        errorBuffer[0] = 0
        state.begin(limit: plan.maxResponseBytes)
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }

        let code: CURLcode
        do throws(CurlOptionFailure) {
            if !configured {
                try applySharedOptions()
                configured = true
            }
            try applyRequestOptions(plan)
            for line in plan.headerLines {
                guard let appended = curl_slist_append(headerList, line) else {
                    throw CurlOptionFailure(option: "CURLOPT_HTTPHEADER", code: CURLE_OUT_OF_MEMORY)
                }
                headerList = appended
            }
            try set(CURLOPT_HTTPHEADER, headerList, "CURLOPT_HTTPHEADER")
            if let body = plan.body {
                let outcome = body.withUnsafeBytes { bytes -> Result<CURLcode, CurlOptionFailure> in
                    do throws(CurlOptionFailure) {
                        try applyBody(bytes)
                        try applyMethod(plan.method)
                    } catch {
                        return .failure(error)
                    }
                    let code = curl_easy_perform(handle)
                    // The body's bytes die when this closure returns.
                    _ = ccurl_easy_setopt_ptr(handle, CURLOPT_POSTFIELDS, nil)
                    return .success(code)
                }
                code = try outcome.get()
            } else {
                try applyNoBody()
                try applyMethod(plan.method)
                code = curl_easy_perform(handle)
            }
        } catch {
            setErrorText(error.description)
            code = error.code
            // Start from a clean handle next time: an option may be half-applied.
            curl_easy_reset(handle)
            configured = false
            currentProxy = nil
            currentTimeout = nil
            currentFresh = nil
        }
        // The header list is freed on return: the handle must not keep pointing at it.
        if headerList != nil { _ = ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, nil) }
        let result = TransferResult(
            code: code, errorText: errorText(for: code), status: infoLong(CURLINFO_RESPONSE_CODE),
            headers: state.headers, body: state.body, exceededLimit: state.exceededLimit,
            cancelled: state.sawCancellation, newConnections: infoLong(CURLINFO_NUM_CONNECTS),
            requestBytesSent: infoLong(CURLINFO_REQUEST_SIZE))
        // Hand the body over without a copy-on-write copy later.
        state.begin(limit: 0)
        return result
    }

    // MARK: Options

    /// The options every request of the remote shares.
    private func applySharedOptions() throws(CurlOptionFailure) {
        try set(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer), "CURLOPT_ERRORBUFFER")
        try set(CURLOPT_PROTOCOLS_STR, "http,https", "CURLOPT_PROTOCOLS_STR")
        try set(CURLOPT_FOLLOWLOCATION, 0, "CURLOPT_FOLLOWLOCATION")
        // Threads + signals do not mix: no SIGALRM for DNS timeouts (SIGPIPE is ignored
        // process-wide by CurlRuntime).
        try set(CURLOPT_NOSIGNAL, 1, "CURLOPT_NOSIGNAL")
        try set(CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds, "CURLOPT_CONNECTTIMEOUT_MS")
        if settings.lowSpeedSeconds > 0 {
            try set(CURLOPT_LOW_SPEED_LIMIT, settings.lowSpeedBytesPerSecond, "CURLOPT_LOW_SPEED_LIMIT")
            try set(CURLOPT_LOW_SPEED_TIME, settings.lowSpeedSeconds, "CURLOPT_LOW_SPEED_TIME")
        }
        try set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS), "CURLOPT_HTTP_VERSION")
        // Verification is always on; there is intentionally no way to turn it off.
        try set(CURLOPT_SSL_VERIFYPEER, 1, "CURLOPT_SSL_VERIFYPEER")
        try set(CURLOPT_SSL_VERIFYHOST, 2, "CURLOPT_SSL_VERIFYHOST")
        if let caBundlePath = settings.caBundlePath {
            try set(CURLOPT_CAINFO, caBundlePath, "CURLOPT_CAINFO")
        }
        // "" = every encoding this libcurl can decode; the size cap counts decoded bytes.
        try set(CURLOPT_ACCEPT_ENCODING, "", "CURLOPT_ACCEPT_ENCODING")
        try set(CURLOPT_TCP_KEEPALIVE, 1, "CURLOPT_TCP_KEEPALIVE")
        try set(CURLOPT_USERAGENT, settings.userAgent, "CURLOPT_USERAGENT")
        try set(CURLOPT_NOPROXY, settings.noProxy, "CURLOPT_NOPROXY")
        try installCallbacks(context: Unmanaged.passUnretained(state).toOpaque())
    }

    /// URL, and the options a request may change from the previous one's.
    private func applyRequestOptions(_ plan: TransferPlan) throws(CurlOptionFailure) {
        try set(CURLOPT_URL, plan.url, "CURLOPT_URL")
        if currentTimeout != plan.totalTimeoutMilliseconds {
            try set(CURLOPT_TIMEOUT_MS, plan.totalTimeoutMilliseconds, "CURLOPT_TIMEOUT_MS")
            currentTimeout = plan.totalTimeoutMilliseconds
        }
        if currentFresh != plan.freshConnection {
            try set(CURLOPT_FRESH_CONNECT, plan.freshConnection ? 1 : 0, "CURLOPT_FRESH_CONNECT")
            currentFresh = plan.freshConnection
        }
        if currentProxy != plan.proxy {
            // Explicit proxy ("" = direct) so curl never consults the environment on its own.
            try set(CURLOPT_PROXY, plan.proxy, "CURLOPT_PROXY")
            currentProxy = plan.proxy
        }
    }

    private func installCallbacks(context: UnsafeMutableRawPointer) throws(CurlOptionFailure) {
        // The callbacks capture nothing: their state comes back through the context pointer.
        let write: ccurl_write_callback = { pointer, size, count, context in
            guard let context else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            guard let pointer, length > 0 else { return length }
            return state.receiveBody(UnsafeRawBufferPointer(start: pointer, count: length)) ? length : 0
        }
        let header: ccurl_write_callback = { pointer, size, count, context in
            guard let context else { return 0 }
            let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            guard let pointer, length > 0 else { return length }
            return state.receiveHeaderLine(UnsafeRawBufferPointer(start: pointer, count: length)) ? length : 0
        }
        let progress: ccurl_xferinfo_callback = { context, _, _, _, _ in
            guard let context else { return 0 }
            return Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue().shouldAbort() ? 1 : 0
        }
        try check(ccurl_easy_setopt_write_cb(handle, CURLOPT_WRITEFUNCTION, write), "CURLOPT_WRITEFUNCTION")
        try set(CURLOPT_WRITEDATA, context, "CURLOPT_WRITEDATA")
        try check(ccurl_easy_setopt_write_cb(handle, CURLOPT_HEADERFUNCTION, header), "CURLOPT_HEADERFUNCTION")
        try set(CURLOPT_HEADERDATA, context, "CURLOPT_HEADERDATA")
        try check(ccurl_easy_setopt_xferinfo_cb(handle, CURLOPT_XFERINFOFUNCTION, progress), "CURLOPT_XFERINFOFUNCTION")
        try set(CURLOPT_XFERINFODATA, context, "CURLOPT_XFERINFODATA")
        try set(CURLOPT_NOPROGRESS, 0, "CURLOPT_NOPROGRESS")
    }

    /// The method, after the body (CURLOPT_POSTFIELDS makes a POST; a custom verb then
    /// replaces the word). Leaves the handle as `curl_easy_reset` plus this method would.
    private func applyMethod(_ method: HTTPMethod) throws(CurlOptionFailure) {
        switch method {
        case .get:
            try set(CURLOPT_HTTPGET, 1, "CURLOPT_HTTPGET")
            try set(CURLOPT_CUSTOMREQUEST, nil as String?, "CURLOPT_CUSTOMREQUEST")
        case .post:
            try set(CURLOPT_POST, 1, "CURLOPT_POST")
            try set(CURLOPT_CUSTOMREQUEST, nil as String?, "CURLOPT_CUSTOMREQUEST")
        case .patch, .put, .delete:
            try set(CURLOPT_CUSTOMREQUEST, method.rawValue, "CURLOPT_CUSTOMREQUEST")
        }
    }

    /// Points curl at the caller's bytes (valid for the whole perform) instead of copying a
    /// large batch body; an empty body is sent as `Content-Length: 0`, never read from stdin.
    private func applyBody(_ bytes: UnsafeRawBufferPointer) throws(CurlOptionFailure) {
        try check(ccurl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count)), "CURLOPT_POSTFIELDSIZE_LARGE")
        if let base = bytes.baseAddress, bytes.count > 0 {
            try set(CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: base), "CURLOPT_POSTFIELDS")
        } else {
            try set(CURLOPT_COPYPOSTFIELDS, "", "CURLOPT_COPYPOSTFIELDS")
        }
    }

    /// No body: what `curl_easy_reset` leaves (no post fields, size unknown, a GET until the
    /// method says otherwise).
    private func applyNoBody() throws(CurlOptionFailure) {
        try check(ccurl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, -1), "CURLOPT_POSTFIELDSIZE_LARGE")
        try set(CURLOPT_POSTFIELDS, nil as UnsafeMutableRawPointer?, "CURLOPT_POSTFIELDS")
        try set(CURLOPT_HTTPGET, 1, "CURLOPT_HTTPGET")
    }

    private func set(_ option: CURLoption, _ value: Int, _ name: StaticString) throws(CurlOptionFailure) {
        try check(ccurl_easy_setopt_long(handle, option, value), name)
    }

    private func set(_ option: CURLoption, _ value: String?, _ name: StaticString) throws(CurlOptionFailure) {
        try check(ccurl_easy_setopt_string(handle, option, value), name)
    }

    private func set(_ option: CURLoption, _ value: UnsafeMutableRawPointer?, _ name: StaticString) throws(CurlOptionFailure) {
        try check(ccurl_easy_setopt_ptr(handle, option, value), name)
    }

    private func set(_ option: CURLoption, _ value: UnsafeMutablePointer<curl_slist>?, _ name: StaticString) throws(CurlOptionFailure) {
        try check(ccurl_easy_setopt_slist(handle, option, value), name)
    }

    private func check(_ code: CURLcode, _ name: StaticString) throws(CurlOptionFailure) {
        guard code == CURLE_OK else { throw CurlOptionFailure(option: "\(name)", code: code) }
    }

    // MARK: Results

    private func infoLong(_ info: CURLINFO) -> Int {
        var value = 0
        return ccurl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    private func setErrorText(_ text: String) {
        let bytes = Array(text.utf8.prefix(Int(CURL_ERROR_SIZE) - 1))
        for (index, byte) in bytes.enumerated() { errorBuffer[index] = CChar(bitPattern: byte) }
        errorBuffer[bytes.count] = 0
    }

    private func errorText(for code: CURLcode) -> String {
        guard code != CURLE_OK else { return "" }
        let buffered = String(cString: errorBuffer)
        if !buffered.isEmpty { return buffered }
        return curl_easy_strerror(code).map { String(cString: $0) } ?? "CURLcode \(code.rawValue)"
    }
}
