import Foundation

/// The sandbox on loopback: one listener per system (so each API lives at its real paths,
/// and a Salesforce `nextRecordsUrl` or `instance_url` resolves as it would in
/// production), all serving one `SandboxEnvironment`. `/__admin/…` answers on every
/// listener. Listeners bind 127.0.0.1 (or ::1) only, on ports the kernel picks.
///
/// ```swift
/// let server = try SandboxServer(environment: SandboxEnvironment())
/// server.baseURL(.hubspot)      // "http://127.0.0.1:41234"
/// server.adminURL               // "http://127.0.0.1:41230/__admin"
/// ```
public final class SandboxServer: Sendable {
    public let environment: SandboxEnvironment
    private let listeners: [SandboxSystem: LoopbackHTTPServer]

    /// `firstPort` 0 (the default): ports the kernel picks. Otherwise the systems take
    /// `firstPort`, `firstPort + 1`, … in `SandboxSystem.allCases` order. `tap` sees every
    /// request before it is served (benchmarks record what the daemon sent, to replay it).
    public init(environment: SandboxEnvironment, address: LoopbackAddress = .ipv4, firstPort: UInt16 = 0,
                limits: HTTPServerLimits = .standard,
                tap: (@Sendable (SandboxSystem, HTTPServerRequest) -> Void)? = nil) throws(LoopbackServerError) {
        self.environment = environment
        var listeners: [SandboxSystem: LoopbackHTTPServer] = [:]
        for (offset, system) in SandboxSystem.allCases.enumerated() {
            let port = firstPort == 0 ? 0 : firstPort + UInt16(offset)
            listeners[system] = try LoopbackHTTPServer(address: address, port: port, limits: limits) { request in
                tap?(system, request)
                return Self.reply(environment.handle(request, system: system))
            }
        }
        self.listeners = listeners
    }

    deinit {
        stop()
    }

    /// The listener serving `system` (its connection and request counters).
    public func listener(_ system: SandboxSystem) -> LoopbackHTTPServer? {
        listeners[system]
    }

    /// `http://127.0.0.1:PORT` for `system`, no trailing slash.
    public func baseURL(_ system: SandboxSystem) -> String {
        listeners[system]?.baseURL ?? ""
    }

    public func port(_ system: SandboxSystem) -> UInt16 {
        listeners[system]?.port ?? 0
    }

    /// The admin endpoint (any listener serves it; this is the Salesforce one).
    public var adminURL: String { baseURL(.salesforce) + "/__admin" }

    /// Stops every listener and closes their connections. Idempotent.
    public func stop() {
        for listener in listeners.values { listener.stop() }
    }

    /// Carries out the handler's wire faults: waits, drops, or answers.
    static func reply(_ response: SandboxResponse) -> HTTPServerReply {
        if response.transport.delayMilliseconds > 0 {
            Thread.sleep(forTimeInterval: Double(response.transport.delayMilliseconds) / 1000)
        }
        if response.transport.dropConnection { return .dropConnection }
        var headers = HTTPServerHeaders()
        for header in response.headers { headers.add(header.name, header.value) }
        let answer = HTTPServerResponse(status: response.status, headers: headers, body: .bytes(Data(response.body)))
        if let cut = response.transport.cutAfterBytes { return .closeMidBody(answer, afterBytes: cut) }
        return .respond(answer)
    }
}
