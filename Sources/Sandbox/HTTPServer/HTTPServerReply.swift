/// A handler's answer: a response, or a fault that real networks and overloaded vendors
/// produce, so the client's timeouts and retries can be tested against real sockets.
public enum HTTPServerReply: Sendable {
    case respond(HTTPServerResponse)
    /// Read the request, never answer; the connection stays open until the client gives up
    /// or the server stops.
    case stall
    /// Close the connection without sending a byte.
    case dropConnection
    /// Close with a TCP reset (SO_LINGER 0) instead of a clean FIN.
    case resetConnection
    /// Send the status line, headers and the first `afterBytes` bytes of the body (whose
    /// announced length or chunking promises more), then close.
    case closeMidBody(HTTPServerResponse, afterBytes: Int)
    /// Like `closeMidBody`, but then hold the connection open and silent.
    case stallMidBody(HTTPServerResponse, afterBytes: Int)
}
