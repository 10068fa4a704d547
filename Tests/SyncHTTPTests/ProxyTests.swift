import Foundation
import Sandbox
import SyncHTTP
import Testing

/// Proxies from the environment apply to remote hosts, never to loopback.
@Suite struct ProxyTests {
    @Test func loopbackBypassesTheProxyWhileOtherHostsUseIt() throws {
        let targets = Recorder<String>()
        let proxy = try LoopbackHTTPServer { request in
            targets.record(request.target)
            return .respond(.text(200, "via proxy"))
        }
        defer { proxy.stop() }
        let origin = try LoopbackHTTPServer { _ in .respond(.text(200, "direct")) }
        defer { origin.stop() }
        // As a CI box would have it: http_proxy set for everything.
        let settings = ProxySettings.fromEnvironment(["http_proxy": proxy.baseURL, "no_proxy": "internal.example"])
        let client = try HTTPClient(remote: testRemote(proxy: settings))

        let direct = try client.send(HTTPRequest(.get, origin.baseURL + "/a"))
        #expect(direct.body == Data("direct".utf8))
        let viaLocalhost = try client.send(HTTPRequest(.get, "http://localhost:\(origin.port)/b"))
        #expect(viaLocalhost.body == Data("direct".utf8))
        #expect(origin.requestCount == 2)

        // A non-loopback name is handed to the proxy (which answers itself: nothing leaves
        // the machine, and the name is never resolved).
        let remote = try client.send(HTTPRequest(.get, "http://crm.channelsync-test.invalid/api?x=1"))
        #expect(remote.body == Data("via proxy".utf8))
        #expect(targets.all == ["http://crm.channelsync-test.invalid/api?x=1"])
    }

    @Test func environmentVariablesAreReadTheWayCurlReadsThem() {
        let env = [
            "HTTP_PROXY": "http://ignored:1",  // uppercase is ignored for http (httpoxy)
            "HTTPS_PROXY": "http://secure:3128",
            "all_proxy": "http://fallback:8080",
            "NO_PROXY": " .corp.example , 10.0.0.0/8,",
        ]
        let settings = ProxySettings.fromEnvironment(env)
        #expect(settings.httpProxy == "http://fallback:8080")
        #expect(settings.httpsProxy == "http://secure:3128")
        #expect(settings.noProxy == [".corp.example", "10.0.0.0/8"])
        #expect(ProxySettings.fromEnvironment(["http_proxy": "http://p:1"]).httpProxy == "http://p:1")
        #expect(ProxySettings.fromEnvironment([:]) == .none)
    }
}
