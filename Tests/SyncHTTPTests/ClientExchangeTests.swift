import Foundation
import Sandbox
import SyncHTTP
import Testing

/// The client against real sockets: methods, bodies, headers, connection reuse.
@Suite struct ClientExchangeTests {
    @Test func manyRequestsShareOneTCPConnection() throws {
        let server = try LoopbackHTTPServer { request in .respond(.json(200, #"{"n":\#(request.numberOnConnection)}"#)) }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote())
        for index in 1...25 {
            let response = try client.send(HTTPRequest(.get, server.baseURL + "/items/\(index)"))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self) == #"{"n":\#(index)}"#)
            #expect(response.newConnections == (index == 1 ? 1 : 0))
        }
        #expect(server.acceptedConnections == 1)
        #expect(server.requestCount == 25)
    }

    @Test func aCountingLogHearsEveryAnswerWithoutItsURL() throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(200, "{}")) }
        defer { server.stop() }
        let counting = LogCapture(includesURL: false)
        let full = LogCapture()
        let request = HTTPRequest(.get, server.baseURL + "/items?access_token=t0ps3cret&n=1")
        _ = try HTTPClient(remote: testRemote(), log: counting.log).send(request)
        _ = try HTTPClient(remote: testRemote(), log: full.log).send(request)
        let counted = try #require(counting.named("http.response").first)
        #expect(counted.field("remote") == "test" && counted.field("status") == "200")
        #expect(counted.field("url") == nil)
        let logged = try #require(full.named("http.response").first)
        #expect(logged.field("url") == server.baseURL + "/items?access_token=[REDACTED]&n=1")
    }

    @Test func everyMethodCarriesItsJSONBodyOverTheSameConnection() throws {
        struct Payload: Codable, Equatable { let name: String; let amount: Int }
        let seen = Recorder<String>()
        let server = try LoopbackHTTPServer { request in
            seen.record("\(request.method) \(request.path) \(request.headers["content-type"] ?? "-") \(request.bodyText)")
            return .respond(.json(200, request.body.isEmpty ? "{}" : request.bodyText))
        }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote())
        let payload = Payload(name: "Acme – Ω deal", amount: 1200)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for method in [HTTPMethod.post, .patch, .put, .delete] {
            let response = try client.send(.json(method, server.baseURL + "/deals/7", body: payload, encoder: encoder))
            #expect(try JSONDecoder().decode(Payload.self, from: response.body) == payload)
        }
        _ = try client.send(HTTPRequest(.delete, server.baseURL + "/deals/8"))
        _ = try client.send(HTTPRequest(.put, server.baseURL + "/deals/9"))
        let encoded = String(decoding: try encoder.encode(payload), as: UTF8.self)
        #expect(seen.all == [
            "POST /deals/7 application/json \(encoded)",
            "PATCH /deals/7 application/json \(encoded)",
            "PUT /deals/7 application/json \(encoded)",
            "DELETE /deals/7 application/json \(encoded)",
            "DELETE /deals/8 - ",
            "PUT /deals/9 - ",
        ])
        #expect(server.acceptedConnections == 1)
    }

    /// The handle keeps its options between requests: nothing one request set (a body, a
    /// verb, a fresh connection, a longer timeout, headers) may reach the next.
    @Test func nothingOfOneRequestLeaksIntoTheNext() throws {
        let seen = Recorder<String>()
        let server = try LoopbackHTTPServer { request in
            let length = request.headers["content-length"] ?? "-"
            let marker = request.headers["x-marker"] ?? "-"
            seen.record("\(request.method) \(request.path) len=\(length) marker=\(marker) conn=\(request.connectionNumber) \(request.bodyText)")
            return .respond(.json(200, "{}"))
        }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote())
        var patch = HTTPRequest(.patch, server.baseURL + "/a", headers: ["X-Marker": "1"], body: Data(#"{"a":1}"#.utf8))
        patch.totalTimeout = .seconds(300)
        var create = HTTPRequest(.post, server.baseURL + "/e", body: Data(#"{"e":5}"#.utf8))
        create.idempotent = false
        let requests = [
            patch, HTTPRequest(.get, server.baseURL + "/b"), HTTPRequest(.delete, server.baseURL + "/c"),
            HTTPRequest(.post, server.baseURL + "/d", body: Data(#"{"d":4}"#.utf8)), HTTPRequest(.get, server.baseURL + "/d2"),
            create, HTTPRequest(.get, server.baseURL + "/f"), HTTPRequest(.put, server.baseURL + "/g"),
        ]
        let connections = try requests.map { try client.send($0).newConnections }
        #expect(seen.all == [
            #"PATCH /a len=7 marker=1 conn=1 {"a":1}"#,
            "GET /b len=- marker=- conn=1 ",
            "DELETE /c len=- marker=- conn=1 ",
            #"POST /d len=7 marker=- conn=1 {"d":4}"#,
            "GET /d2 len=- marker=- conn=1 ",
            #"POST /e len=7 marker=- conn=2 {"e":5}"#,  // not idempotent: a fresh connection
            "GET /f len=- marker=- conn=1 ",  // and the next request reuses a kept one
            "PUT /g len=0 marker=- conn=1 ",
        ])
        #expect(connections == [1, 0, 0, 0, 0, 1, 0, 0])
    }

    @Test func queryItemsArePercentEncodedAndDecodeBackExactly() throws {
        let seen = Recorder<[URLQueryItem]>()
        let server = try LoopbackHTTPServer { request in
            seen.record(request.query)
            return .respond(.empty(204))
        }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote())
        let soql = "SELECT Id, Name FROM Opportunity WHERE Amount > 5 AND Name = 'a+b&c=d'"
        let response = try client.send(HTTPRequest(.get, server.baseURL + "/query?fixed=1", query: [
            URLQueryItem(name: "q", value: soql), URLQueryItem(name: "flag", value: nil),
        ]))
        #expect(response.status == 204)
        #expect(seen.all.first == [
            URLQueryItem(name: "fixed", value: "1"), URLQueryItem(name: "q", value: soql),
            URLQueryItem(name: "flag", value: nil),
        ])
    }

    @Test func responseHeadersAreCaseInsensitiveAndKeepRepeats() throws {
        let server = try LoopbackHTTPServer { _ in
            var headers = HTTPServerHeaders()
            headers.add("Sforce-Limit-Info", "api-usage=18/100000")
            headers.add("Link", "<a>; rel=next")
            headers.add("link", "<b>; rel=last")
            return .respond(.json(200, "{}", headers: headers))
        }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote())
        let response = try client.send(HTTPRequest(.get, server.baseURL + "/"))
        #expect(response.headers["sforce-limit-info"] == "api-usage=18/100000")
        #expect(response.headers["SFORCE-LIMIT-INFO"] == "api-usage=18/100000")
        #expect(response.headers.values(for: "LINK") == ["<a>; rel=next", "<b>; rel=last"])
        #expect(response.headers["Content-Type"] == "application/json")
    }

    @Test func onlyTheFinalResponseHeadersAreKeptAfter100Continue() throws {
        let server = try LoopbackHTTPServer { _ in .respond(.json(201, "{}", headers: ["X-Final": "yes"])) }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote())
        var request = HTTPRequest(.post, server.baseURL + "/upload", body: Data(repeating: 65, count: 2048))
        request.headers["Expect"] = "100-continue"  // the server then sends "100 Continue" first
        let response = try client.send(request)
        #expect(response.status == 201)
        #expect(response.headers["X-Final"] == "yes")
        #expect(response.headers.values(for: "Content-Type") == ["application/json"])
    }

    @Test func aChunkedResponseBelowTheCapArrivesWhole() throws {
        let server = try LoopbackHTTPServer { _ in .respond(.streamed(totalBytes: 3 * 1024 * 1024 + 17, chunkSize: 65536)) }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote(maxResponseBytes: 4 * 1024 * 1024))
        let response = try client.send(HTTPRequest(.get, server.baseURL + "/export"))
        #expect(response.body.count == 3 * 1024 * 1024 + 17)
        #expect(response.body.allSatisfy { $0 == UInt8(ascii: "x") })
    }

    @Test func redirectsAreReturnedNotFollowed() throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/old" ? .respond(.empty(302, headers: ["Location": "/new"])) : .respond(.text(200, "new"))
        }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote())
        var request = HTTPRequest(.get, server.baseURL + "/old")
        request.acceptedStatuses.insert(302)
        let response = try client.send(request)
        #expect(response.status == 302)
        #expect(response.headers["location"] == "/new")
        #expect(server.requestCount == 1)
    }

    @Test func twoThreadsShareOneClientSafely() throws {
        let server = try LoopbackHTTPServer { request in .respond(.text(200, request.path)) }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote())
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in 0..<20 {
                let path = "/w\(worker)/\(index)"
                let body = try? client.send(HTTPRequest(.get, server.baseURL + path)).body
                if body != Data(path.utf8) { failures.next() }
            }
        }
        #expect(failures.current == 0)
        #expect(server.requestCount == 40)
        #expect(server.acceptedConnections == 1)
    }

    @Test(arguments: [
        ("ftp://127.0.0.1/file", "http:// or https://"),
        ("http://127.0.0.1/a b", "space or control character"),
        ("http:///path", "no host"),
    ])
    func unusableURLsAreRefusedBeforeSending(url: String, reason: String) throws {
        let client = try HTTPClient(remote: testRemote())
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, url)) }
        guard case .invalidRequest(let failure, let text)? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(text.contains(reason))
        #expect(failure.attempts == 0)
    }

    @Test func headerInjectionAndGETBodiesAreRefused() throws {
        let client = try HTTPClient(remote: testRemote())
        var injected = HTTPRequest(.get, "http://127.0.0.1:1/")
        injected.headers["X-Note"] = "a\r\nX-Evil: 1"
        #expect(expectHTTPError { () throws(HTTPError) in try client.send(injected) }?.kind == .invalidRequest)
        let withBody = HTTPRequest(.get, "http://127.0.0.1:1/", body: Data("x".utf8))
        #expect(expectHTTPError { () throws(HTTPError) in try client.send(withBody) }?.kind == .invalidRequest)
    }

    @Test func unusableSettingsAreRefusedWithTheFieldNamed() {
        var remote = testRemote()
        remote.timeouts.total = .zero
        #expect(throws: HTTPError.invalidConfiguration(remote: "test", reason: "timeouts.total must be positive")) {
            try HTTPClient(remote: remote)
        }
        var limited = testRemote()
        limited.rateLimit = RateLimit(requestsPerSecond: 0, burst: 1)
        #expect(throws: HTTPError.self) { try HTTPClient(remote: limited) }
        var missingCA = testRemote()
        missingCA.caBundlePath = "/nonexistent/ca.pem"
        do {
            _ = try HTTPClient(remote: missingCA)
            Issue.record("a missing CA bundle must be refused")
        } catch {
            #expect(error.description.contains("/nonexistent/ca.pem"))
        }
    }
}
