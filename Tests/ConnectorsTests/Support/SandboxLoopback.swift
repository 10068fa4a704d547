import Foundation
import Glibc
import Sandbox

/// Serves one vendor stand-in on a loopback port, so connectors are tested through real
/// libcurl requests. (`SandboxServer` serves all five systems at once; a connector test
/// needs one listener.)
final class SandboxLoopback: Sendable {
    let server: LoopbackHTTPServer
    let api: any SandboxAPI

    init(_ api: any SandboxAPI) throws {
        self.api = api
        server = try LoopbackHTTPServer { request in
            let response = api.handle(request)
            if response.transport.delayMilliseconds > 0 {
                usleep(UInt32(min(response.transport.delayMilliseconds, 60_000)) * 1000)
            }
            if response.transport.dropConnection { return .dropConnection }
            var headers = HTTPServerHeaders()
            for (name, value) in response.headers { headers.add(name, value) }
            return .respond(HTTPServerResponse(status: response.status, headers: headers, body: .bytes(Data(response.body))))
        }
    }

    var baseURL: String { server.baseURL }
    var store: SandboxStore { api.store }

    deinit { server.stop() }
}
