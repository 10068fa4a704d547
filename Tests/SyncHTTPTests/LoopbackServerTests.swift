import Foundation
import Glibc
import Sandbox
import Testing

/// The sandbox server itself, spoken to byte by byte.
@Suite struct LoopbackServerTests {
    private func echoServer() throws -> LoopbackHTTPServer {
        var routes = HTTPRoutes()
        routes.on("POST", "/echo") { request in .respond(.text(200, "[\(request.bodyText)]")) }
        routes.on("GET", "/objects/{type}/items/*") { request in
            .respond(.text(200, "\(request.pathParameters["type"] ?? "-")|\(request.pathParameters["*"] ?? "-")"))
        }
        routes.on("GET", "/query") { request in
            .respond(.text(200, request.query.map { "\($0.name)=\($0.value ?? "nil")" }.joined(separator: ";")))
        }
        routes.on("GET", "/stall") { _ in .stall }
        return try LoopbackHTTPServer(routes: routes)
    }

    @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() throws {
        let server = try echoServer()
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nonePOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\ntwo")
        let text = connection.read(until: "]", occurrences: 2)
        #expect(text.contains("[one]"))
        #expect(text.range(of: "[one]")?.lowerBound ?? text.endIndex < text.range(of: "[two]")?.lowerBound ?? text.startIndex)
        #expect(server.acceptedConnections == 1)
        #expect(server.requestCount("POST", "/echo") == 2)
    }

    @Test func chunkedRequestBodiesAreReassembled() throws {
        let server = try echoServer()
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: x\r\n\r\n")
        let text = connection.readUntilClose()
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("Connection: close\r\n"))
        #expect(text.hasSuffix("[hello world]\n") || text.hasSuffix("[hello world]"))
    }

    @Test func expectContinueIsAnswered() throws {
        let server = try echoServer()
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
        #expect(connection.read(until: "\r\n\r\n").hasPrefix("HTTP/1.1 100 Continue\r\n\r\n"))
        connection.send("ok")
        #expect(connection.read(until: "[ok]").contains("HTTP/1.1 200 OK"))
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", "400"),
        ("GET / HTTP/2.0\r\n\r\n", "505"),
        ("GET / HTTP/1.1\r\nno colon here\r\n\r\n", "400"),
        ("POST /echo HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", "400"),
        ("POST /echo HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", "400"),
        ("POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "400"),
        ("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "400"),
        ("POST /echo HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", "501"),
        ("GET / HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 70_000))\r\n\r\n", "431"),
        ("POST /echo HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n", "413"),
    ])
    func malformedRequestsGetAnErrorAndAClosedConnection(raw: String, status: String) throws {
        let server = try echoServer()
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        connection.send(raw)
        let text = connection.readUntilClose()
        #expect(text.hasPrefix("HTTP/1.1 \(status) "), "got: \(text.prefix(80))")
        #expect(text.contains("Connection: close"))
        // The server is still fine.
        let next = try RawConnection(port: server.port)
        next.send("POST /echo HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi")
        #expect(next.readUntilClose().contains("[hi]"))
    }

    @Test func http10ClosesUnlessAskedToKeepAlive() throws {
        let server = try echoServer()
        defer { server.stop() }
        let plain = try RawConnection(port: server.port)
        plain.send("POST /echo HTTP/1.0\r\nContent-Length: 1\r\n\r\na")
        #expect(plain.readUntilClose().contains("[a]"))
        let kept = try RawConnection(port: server.port)
        kept.send("POST /echo HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nb")
        #expect(kept.read(until: "[b]").contains("Connection: keep-alive\r\n"))
        kept.send("POST /echo HTTP/1.0\r\nContent-Length: 1\r\n\r\nc")
        #expect(kept.readUntilClose().contains("[c]"))
        #expect(server.acceptedConnections == 2)
    }

    @Test func routesCaptureParametersAnd404Or405OtherwiseWhileCounting() throws {
        let server = try echoServer()
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        connection.send("GET /objects/Deal/items/a/b%20c/ HTTP/1.1\r\n\r\n")
        #expect(connection.read(until: "b%20c").hasSuffix("Deal|a/b%20c"))
        connection.send("GET /nowhere HTTP/1.1\r\n\r\n")
        #expect(connection.read(until: "}").contains("HTTP/1.1 404 Not Found"))
        connection.send("DELETE /echo HTTP/1.1\r\nConnection: close\r\n\r\n")
        let refused = connection.readUntilClose()
        #expect(refused.contains("HTTP/1.1 405 Method Not Allowed"))
        #expect(refused.contains("Allow: POST"))
        #expect(server.requestCount("GET", "/objects/{type}/items/*") == 1)
        #expect(server.unmatchedRequestCount == 2)
        #expect(server.requestCount == 3)
    }

    @Test func queryItemsAreDecoded() throws {
        let server = try echoServer()
        defer { server.stop() }
        let connection = try RawConnection(port: server.port)
        connection.send("GET /query?q=SELECT+Id%2C+Name&flag&empty= HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(connection.readUntilClose().hasSuffix("q=SELECT Id, Name;flag=nil;empty="))
    }

    @Test func stopWakesStalledConnectionsAndRefusesNewOnes() throws {
        let server = try echoServer()
        let stalled = try RawConnection(port: server.port)
        stalled.send("GET /stall HTTP/1.1\r\n\r\n")
        #expect(waitUntil { server.requestCount == 1 })
        #expect(server.openConnections == 1)
        let started = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(stalled.isClosedByPeer())
        #expect(server.openConnections == 0)
        #expect(throws: (any Error).self) { try RawConnection(port: server.port) }
    }

    @Test(.enabled(if: LoopbackServerTests.ipv6LoopbackWorks())) func listensOnIPv6Loopback() throws {
        var routes = HTTPRoutes()
        routes.on("GET", "/") { _ in .respond(.text(200, "six")) }
        let server = try LoopbackHTTPServer(address: .ipv6, routes: routes)
        defer { server.stop() }
        #expect(server.baseURL == "http://[::1]:\(server.port)")
        let connection = try RawConnection(port: server.port, ipv6: true)
        connection.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(connection.readUntilClose().hasSuffix("six"))
    }

    static func ipv6LoopbackWorks() -> Bool {
        (try? LoopbackHTTPServer(address: .ipv6) { _ in .dropConnection }) != nil
    }
}
