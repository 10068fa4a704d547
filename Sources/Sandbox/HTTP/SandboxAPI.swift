/// One vendor API stand-in. `handle` is pure request-in, response-out (no sockets), so
/// every dialect is unit-testable; the loopback server only moves bytes.
public protocol SandboxAPI: AnyObject, Sendable {
    var system: SandboxSystem { get }
    var store: SandboxStore { get }
    func handle(_ request: HTTPServerRequest) -> SandboxResponse
}
