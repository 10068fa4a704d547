import CCurl

/// What a failed curl transfer means for retrying. The mapping from `CURLcode` lives here
/// and only here.
enum TransferFailureClass: Sendable, Equatable {
    /// DNS, refused, unreachable, proxy: the request never left.
    case connect
    /// The TLS handshake broke (often a middlebox hiccup): never left, worth retrying.
    case tlsHandshake
    /// Certificates or TLS set-up: retrying cannot help.
    case tlsFatal
    case timeout
    /// Send/receive error, empty reply, body cut short, HTTP/2 stream reset: typical of a
    /// stale keep-alive connection or a restarting server.
    case brokenConnection
    /// A reply curl could not parse or decode: retrying will get the same.
    case protocolError
    case tooLarge
    case cancelled
    case invalidRequest
    case other

    init(_ result: TransferResult) {
        if result.exceededLimit {
            self = .tooLarge
            return
        }
        if result.cancelled {
            self = .cancelled
            return
        }
        switch result.code {
        case CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_PROXY:
            self = .connect
        case CURLE_SSL_CONNECT_ERROR:
            self = .tlsHandshake
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CLIENTCERT:
            self = .tlsFatal
        case CURLE_OPERATION_TIMEDOUT:
            self = .timeout
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
            CURLE_HTTP2_STREAM:
            self = .brokenConnection
        case CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING, CURLE_TOO_MANY_REDIRECTS,
            CURLE_RANGE_ERROR:
            self = .protocolError
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT:
            self = .invalidRequest
        default:
            self = .other
        }
    }

    var isRetryable: Bool {
        switch self {
        case .connect, .tlsHandshake, .timeout, .brokenConnection: true
        case .tlsFatal, .protocolError, .tooLarge, .cancelled, .invalidRequest, .other: false
        }
    }

    /// Certainly never reached the server, so safe to repeat even when not idempotent.
    var neverSent: Bool {
        self == .connect || self == .tlsHandshake
    }
}
