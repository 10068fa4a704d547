import Foundation
import Synchronization
import Sandbox

/// The sandbox on loopback (one listener per system, like `SandboxServer`), with one
/// response per arming replaced by a damaged one: the `n`-th response served after
/// `arm` goes through `damage` (body and status). So a connector meets the damage on
/// whichever of its requests `n` picks (the token, a page, a batch answer, a lookup)
/// and every other answer is the sandbox's valid one.
final class MutatingSandbox: Sendable {
    let environment: SandboxEnvironment
    private let listeners: [SandboxSystem: LoopbackHTTPServer]
    private let box = PlanBox()

    private final class PlanBox: Sendable {
        let plan = Mutex(Plan())
    }

    /// What the next responses get.
    struct Plan {
        /// Responses left to serve untouched before the damaged one; nil: none damaged.
        var countdown: Int?
        var damage: (@Sendable (_ status: Int, _ body: [UInt8]) -> (status: Int, body: [UInt8]))?
        /// Set once the damaged response was served: what it was answering.
        var damaged: String?
        /// Replaces every answer of a route (`METHOD path-prefix`), for the explicit tests.
        var rewrite: (@Sendable (HTTPServerRequest, SandboxResponse) -> HTTPServerReply?)?
    }

    init(environment: SandboxEnvironment) throws {
        self.environment = environment
        var listeners: [SandboxSystem: LoopbackHTTPServer] = [:]
        let plan = box
        for system in SandboxSystem.allCases {
            listeners[system] = try LoopbackHTTPServer { request in
                var response = environment.handle(request, system: system)
                let step = plan.plan.withLock { plan -> (damage: (@Sendable (Int, [UInt8]) -> (status: Int, body: [UInt8]))?,
                                                    rewrite: (@Sendable (HTTPServerRequest, SandboxResponse) -> HTTPServerReply?)?) in
                    guard let countdown = plan.countdown else { return (nil, plan.rewrite) }
                    if countdown > 0 {
                        plan.countdown = countdown - 1
                        return (nil, plan.rewrite)
                    }
                    plan.countdown = nil
                    plan.damaged = "\(request.method) \(request.path)"
                    return (plan.damage, plan.rewrite)
                }
                if let rewrite = step.rewrite, let reply = rewrite(request, response) { return reply }
                if let damage = step.damage {
                    let damaged = damage(response.status, response.body)
                    response.status = damaged.status
                    response.body = damaged.body
                }
                return Self.reply(response)
            }
        }
        self.listeners = listeners
    }

    deinit {
        for listener in listeners.values { listener.stop() }
    }

    func baseURL(_ system: SandboxSystem) -> String { listeners[system]?.baseURL ?? "" }

    /// Damages the response served after `skipping` untouched ones.
    func arm(skipping: Int, damage: @escaping @Sendable (Int, [UInt8]) -> (status: Int, body: [UInt8])) {
        box.plan.withLock {
            $0.countdown = skipping
            $0.damage = damage
            $0.damaged = nil
        }
    }

    /// Stops damaging; returns what the damaged response answered (nil: none was served).
    @discardableResult
    func disarm() -> String? {
        box.plan.withLock { plan in
            plan.countdown = nil
            plan.damage = nil
            defer { plan.damaged = nil }
            return plan.damaged
        }
    }

    /// Every later answer goes through `rewrite` first (nil from it: served as is).
    func rewrite(_ rewrite: (@Sendable (HTTPServerRequest, SandboxResponse) -> HTTPServerReply?)?) {
        box.plan.withLock { $0.rewrite = rewrite }
    }

    static func reply(_ response: SandboxResponse) -> HTTPServerReply {
        if response.transport.dropConnection { return .dropConnection }
        var headers = HTTPServerHeaders()
        for header in response.headers where header.name.lowercased() != "content-length" {
            headers.add(header.name, header.value)
        }
        return .respond(HTTPServerResponse(status: response.status, headers: headers, body: .bytes(Data(response.body))))
    }
}
