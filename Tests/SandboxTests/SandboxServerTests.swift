import Foundation
import Testing
@testable import Sandbox
import SyncCore

/// The sandbox over real loopback sockets: what the connectors will see.
@Suite struct SandboxServerTests {
    @Test func everySystemListensOnItsOwnLoopbackPort() throws {
        let server = try SandboxServer(environment: SandboxEnvironment())
        defer { server.stop() }
        let ports = Set(SandboxSystem.allCases.map(server.port))
        #expect(ports.count == SandboxSystem.allCases.count && !ports.contains(0))
        #expect(server.baseURL(.hubspot) == "http://127.0.0.1:\(server.port(.hubspot))")
        #expect(server.adminURL == server.baseURL(.salesforce) + "/__admin")

        let salesforce = LoopbackClient(port: server.port(.salesforce))
        let token = try #require(try salesforce.send("POST", "/services/oauth2/token",
                                                     headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                     body: "grant_type=client_credentials&client_id=sandbox-sf-client&client_secret=sandbox-sf-secret"))
        #expect(token.status == 200)
        let grant = try JSONParser().parse(token.body)
        #expect(grant["instance_url"] == .string(server.baseURL(.salesforce)), "instance_url points back at this listener")
        let bearer = try #require(grant["access_token"]?.asString)
        let query = try #require(try salesforce.send("GET", "/services/data/v59.0/query?q=SELECT+Id+FROM+Opportunity",
                                                     headers: ["Authorization": "Bearer \(bearer)"]))
        #expect(query.status == 200)
        #expect(query.headers["sforce-limit-info"] == "api-usage=1/100000")

        // The admin endpoint answers on another system's listener too.
        let counts = try #require(try LoopbackClient(port: server.port(.generic)).send("GET", "/__admin/counts"))
        #expect(try JSONParser().parse(counts.body)["systems"]?["salesforce"]?["total"] == .int(2))
        #expect(server.environment.count(route: "salesforce.query") == 1)
    }

    @Test func wireFaultsHappenOnTheWire() throws {
        let environment = SandboxEnvironment()
        let server = try SandboxServer(environment: environment)
        defer { server.stop() }
        let client = LoopbackClient(port: server.port(.generic))
        let auth = ["Authorization": "Token generic-sandbox-key"]
        environment.generic.store.inject(.dropConnection, route: "generic.create")
        let dropped = try client.send("POST", "/v1/contacts", headers: auth, body: #"{"email":"a@x.io"}"#)
        #expect(dropped == nil, "no bytes come back")
        #expect(environment.generic.store.count("contacts") == 1, "but the write happened")

        environment.generic.store.inject(.delay(milliseconds: 300), route: "generic.list")
        let started = Date()
        let slow = try #require(try client.send("GET", "/v1/contacts", headers: auth))
        #expect(slow.status == 200)
        #expect(Date().timeIntervalSince(started) >= 0.29)

        environment.generic.store.inject(.status(429, retryAfter: "1"), route: "generic.list")
        let throttled = try #require(try client.send("GET", "/v1/contacts", headers: auth))
        #expect(throttled.status == 429)
        #expect(throttled.headers["retry-after"] == "1")
        #expect(try JSONParser().parse(throttled.body)["error"]?["code"] == .string("throttled"))
    }
}
