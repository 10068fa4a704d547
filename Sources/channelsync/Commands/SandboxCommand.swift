import Dispatch
import Glibc
import Foundation
import Sandbox
import SyncCore
import SyncDaemon

/// `channelsync sandbox`: the vendor API stand-ins on loopback until SIGINT/SIGTERM.
struct SandboxCommand: Command {
    static let path = ["sandbox"]
    static let summary = "Serve stand-ins for Salesforce, HubSpot and the PRMs on loopback"
    static let help = """
    USAGE: channelsync sandbox [--port N] [--seed demo|none] [--config FILE] [--clock system|manual] [--urls-file FILE]

    Serves local stand-ins for the Salesforce, HubSpot, Impartner-style, PartnerStack-style,
    a deliberately awkward generic REST API, Pipedrive, Zoho CRM and Dynamics 365 / Dataverse,
    each on its own 127.0.0.1 port (printed at start), with the vendors' paths, limits and
    error shapes.
    Runs until interrupted (Ctrl-C or SIGTERM), then prints the requests served.

    Every port also answers the admin endpoint under /__admin: seed and edit records as a
    user would (POST/PATCH/DELETE /__admin/{system}/objects/{object}/records…), queue
    faults (POST /__admin/{system}/faults), read counters (GET /__admin/counts), get a
    token (POST /__admin/{system}/token), move a manual clock (POST /__admin/clock/advance).

    OPTIONS:
      --port N            Serve on ports N…N+7 (salesforce, hubspot, impartner,
                          partnerstack, generic, pipedrive, zoho, dataverse, in that
                          order); default: ports the kernel picks
      --seed demo|none    Start with a small demo data set (default: demo)
      --config FILE       JSON5 file overriding credentials, limits and objects
      --clock system|manual
                          system: wall-clock time (default); manual: starts at
                          2024-01-01T00:00:00Z and moves only through the admin endpoint
      --urls-file FILE    Also write the base URLs as JSON to FILE (for scripts)
    """

    let seedDemo: Bool
    let configuration: String?
    let manualClock: Bool
    let urlsFile: String?
    let firstPort: UInt16

    init(arguments: inout Arguments) throws(CLIError) {
        switch try arguments.option("--seed") ?? "demo" {
        case "demo": seedDemo = true
        case "none": seedDemo = false
        case let other: throw .usage("--seed takes demo or none, not '\(other)'")
        }
        switch try arguments.option("--clock") ?? "system" {
        case "system": manualClock = false
        case "manual": manualClock = true
        case let other: throw .usage("--clock takes system or manual, not '\(other)'")
        }
        configuration = try arguments.option("--config")
        urlsFile = try arguments.option("--urls-file")
        let last = Int(UInt16.max) - SandboxSystem.allCases.count + 1
        firstPort = UInt16(try arguments.intOption("--port", in: 1024...last) ?? 0)
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        var settings = SandboxConfiguration()
        if let configuration {
            do {
                settings = try SandboxConfiguration.load(contentsOf: URL(fileURLWithPath: configuration))
            } catch {
                throw .failure("\(error)")
            }
        }
        let environment = manualClock ? SandboxEnvironment(configuration: settings, clock: ManualClock())
                                      : SandboxEnvironment(configuration: settings, clock: .system)
        if seedDemo {
            do {
                try environment.seedDemo()
            } catch {
                throw .failure("the demo data does not fit this configuration: \(error)")
            }
        }
        let server: SandboxServer
        do {
            server = try SandboxServer(environment: environment, firstPort: firstPort)
        } catch {
            throw .failure("cannot listen on loopback: \(error)")
        }
        console.out("channelsync sandbox: serving on loopback (clock: \(manualClock ? "manual" : "system"), data: \(seedDemo ? "demo" : "none"))")
        for system in SandboxSystem.allCases {
            console.out("  \(system.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(server.baseURL(system))")
        }
        console.out("  admin         \(server.adminURL)  (on every port; POST /__admin/{system}/token for credentials)")
        if let urlsFile {
            try writeURLs(server, to: urlsFile)
        }
        // Installed before saying we are ready: a SIGTERM right after the prompt must
        // not hit the default action, nor be lost (see `SignalPipe`).
        let signals: SignalPipe
        do {
            signals = try SignalPipe.install([.interrupt, .terminate])
        } catch {
            server.stop()
            throw .failure(error.description)
        }
        console.out("Press Ctrl-C to stop.")
        // Any signal read, or an unusable pipe: stop rather than hang.
        _ = signals.next()
        server.stop()
        let counts = environment.requestCounts.sorted { $0.key < $1.key }
        console.out("channelsync sandbox: stopped after \(environment.totalRequests) requests"
                    + (counts.isEmpty ? "" : ": " + counts.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))
        return .success
    }

    private func writeURLs(_ server: SandboxServer, to path: String) throws(CLIError) {
        var urls: [String: JSONValue] = ["admin": .string(server.adminURL)]
        for system in SandboxSystem.allCases { urls[system.rawValue] = .string(server.baseURL(system)) }
        do {
            try JSONWriter.data(.object(urls)).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .failure("cannot write \(path): \(error.localizedDescription)")
        }
    }

}
