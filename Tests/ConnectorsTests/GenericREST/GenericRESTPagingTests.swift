import Foundation
import Testing
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

@Suite("Generic REST paging styles")
struct GenericRESTPagingTests {
    static func pager(_ paging: GenericRESTPaging) -> GenericRESTPager {
        GenericRESTPager(paging: paging, baseURL: "https://api.example.com/base", listPath: "/base/deals", constant: [])
    }

    /// A path literal of the test (an invalid one reads as the root and fails the test).
    static func path(_ text: String) -> ResponsePath {
        ResponsePath(text) ?? .root
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONParser().parse(text)
    }

    @Test("next markers: a number, true, null, absent, false and empty")
    func nextMarkers() throws {
        let offset = Self.pager(.offset(offsetParam: "offset", limitParam: "limit", pageSize: 10,
                                        next: Self.path("meta.next"), total: nil, overlapCheck: false))
        #expect(try offset.next(after: nil, body: Self.json(#"{"meta": {"next": 10}}"#), headers: [:], received: 10) == .offset(10))
        #expect(try offset.next(after: .offset(10), body: Self.json(#"{"meta": {"next": "20"}}"#), headers: [:], received: 10) == .offset(20))
        #expect(try offset.next(after: .offset(10), body: Self.json(#"{"meta": {"next": true}}"#), headers: [:], received: 7) == .offset(17))
        for end in [#"{"meta": {"next": null}}"#, #"{"meta": {}}"#, #"{"meta": {"next": false}}"#, #"{"meta": {"next": ""}}"#] {
            #expect(try offset.next(after: .offset(10), body: Self.json(end), headers: [:], received: 10) == nil, "\(end)")
        }
        #expect(throws: PagerProblem.self) {
            try offset.next(after: .offset(10), body: Self.json(#"{"meta": {"next": 5}}"#), headers: [:], received: 10)
        }
        #expect(throws: PagerProblem.self) {
            try offset.next(after: .offset(10), body: Self.json(#"{"meta": {"next": "soon"}}"#), headers: [:], received: 10)
        }
    }

    @Test("page numbers and totals")
    func pagesAndTotals() throws {
        let page = Self.pager(.page(pageParam: "page", sizeParam: "per_page", pageSize: 25, firstPage: 1, next: nil,
                                    total: Self.path("total")))
        let body = try Self.json(#"{"total": 60}"#)
        #expect(try page.next(after: nil, body: body, headers: [:], received: 25) == .page(2))
        #expect(try page.next(after: .page(2), body: body, headers: [:], received: 25) == .page(3))
        #expect(try page.next(after: .page(3), body: body, headers: [:], received: 10) == nil)
        let request = page.request(for: .page(3))
        #expect(request.fullURL == "https://api.example.com/base/base/deals?page=3&per_page=25")
        let short = Self.pager(.page(pageParam: "p", sizeParam: nil, pageSize: 25, firstPage: 0, next: nil, total: nil))
        #expect(try short.next(after: nil, body: .object([:]), headers: [:], received: 25) == .page(1))
        #expect(try short.next(after: .page(1), body: .object([:]), headers: [:], received: 24) == nil)
        #expect(short.request(for: nil).fullURL == "https://api.example.com/base/base/deals?p=0", "no size parameter sent")
    }

    @Test("cursors in the body, with and without has-more flags")
    func cursors() throws {
        let cursor = Self.pager(.cursor(cursorParam: "after", limitParam: "limit", pageSize: 50,
                                        next: Self.path("paging.next.after"), hasMore: Self.path("has_more")))
        #expect(try cursor.next(after: nil, body: Self.json(#"{"has_more": true, "paging": {"next": {"after": "c2"}}}"#),
                                headers: [:], received: 50) == .cursor("c2"))
        #expect(try cursor.next(after: nil, body: Self.json(#"{"has_more": false, "paging": {"next": {"after": "c2"}}}"#),
                                headers: [:], received: 50) == nil, "has_more false ends even with a cursor")
        #expect(cursor.request(for: .cursor("a b+c")).fullURL == "https://api.example.com/base/base/deals?after=a%20b%2Bc&limit=50")
    }

    @Test("next links: relative, absolute on the same host, never another host")
    func nextLinks() throws {
        let link = Self.pager(.nextLink(limitParam: nil, pageSize: 100, next: Self.path("links.next")))
        func next(_ value: String) throws -> PageMarker? {
            try link.next(after: nil, body: Self.json(#"{"links": {"next": \#(value)}}"#), headers: [:], received: 100)
        }
        #expect(try next(#""/base/deals?page=2""#) == .link("https://api.example.com/base/deals?page=2"))
        #expect(try next(#""?page=2""#) == .link("https://api.example.com/base/base/deals?page=2"))
        #expect(try next(#""https://API.example.com/base/deals?page=3""#) == .link("https://API.example.com/base/deals?page=3"))
        #expect(try next("null") == nil)
        #expect(throws: PagerProblem.self) { try next(#""https://evil.example.net/steal""#) }
        #expect(throws: PagerProblem.self) { try next(#""//evil.example.net/steal""#) }
        #expect(throws: PagerProblem.self) { try next(#""https://api.example.com.evil.net/x""#) }
        #expect(throws: PagerProblem.self) { try next("42") }
    }

    @Test("RFC 8288 Link headers")
    func linkHeaders() throws {
        let headers = HTTPHeaders([("Link", #"<https://api.example.com/base/deals?page=1>; rel="prev", <https://api.example.com/base/deals?page=3>; rel="next last""#)])
        #expect(GenericRESTPager.nextLink(in: headers) == "https://api.example.com/base/deals?page=3")
        #expect(GenericRESTPager.nextLink(in: HTTPHeaders([("Link", #"<https://x/y>; rel="prev""#)])) == nil)
        #expect(GenericRESTPager.nextLink(in: [:]) == nil)
    }

    /// A tiny API with a bare array body, cursor paging in the body and `Link` headers.
    static func server(records: Int, pageSize: Int) throws -> LoopbackHTTPServer {
        try LoopbackHTTPServer { request in
            let start = Int(request.queryValue("cursor") ?? request.queryValue("from") ?? "0") ?? 0
            let end = min(records, start + pageSize)
            let items = (start..<end).map { #"{"uuid": "r\#($0)", "name": "Record \#($0)", "changed": 1700000000}"# }
            switch request.path {
            case "/cursor":
                let next = end < records ? #""\#(end)""# : "null"
                return .respond(.json(200, #"{"items": [\#(items.joined(separator: ","))], "next": \#(next)}"#))
            default:
                var headers = HTTPServerHeaders()
                if end < records { headers.add("Link", "</linked?from=\(end)>; rel=\"next\"") }
                return .respond(.json(200, "[" + items.joined(separator: ",") + "]", headers: headers))
            }
        }
    }

    @Test("end to end: cursor-in-body and Link-header APIs are read to the end, one request per page",
          arguments: [("cursor", #"{"style": "cursor", "pageSize": 10, "next": "next", "cursorParam": "cursor"}"#, "items"),
                      ("linked", #"{"style": "linkHeader", "pageSize": 10}"#, "")])
    func endToEnd(path: String, paging: String, records: String) throws {
        let server = try Self.server(records: 35, pageSize: 10)
        defer { server.stop() }
        let json = """
        {"list": {"path": "/{object}", "records": "\(records)"}, "paging": \(paging),
         "record": {"id": "uuid", "modified": "changed", "modifiedFormat": "epochSeconds"}}
        """
        let auth = RemoteAuth(kind: .none)
        let remote = Remote(name: "tiny", dialect: .rest, baseURL: server.baseURL, auth: auth, options: try options(json))
        let connector = try GenericRESTConnector(remote: remote, client: try HTTPClient(remote: testRemote("tiny")),
                                                 credentials: .fixed([:]))
        let (pages, summary) = try pullAll(connector, object: path, since: nil)
        #expect(pages.records.map(\.id) == (0..<35).map { "r\($0)" })
        #expect(pages.records.allSatisfy { $0.modifiedAt == 1_700_000_000_000 })
        #expect(summary.cursor.highWater == 1_700_000_000_000)
        #expect(summary.completeScan)
        #expect(server.requestCount == 4)
        #expect(connector.usage().requests == 4)
    }
}
