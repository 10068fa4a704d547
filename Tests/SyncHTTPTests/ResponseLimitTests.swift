import Foundation
import Sandbox
import Synchronization
@testable import SyncHTTP
import Testing

/// The response-size cap: enforced while the body streams in, not after buffering it.
@Suite struct ResponseLimitTests {
    @Test func a100MiBChunkedResponseIsStoppedAtTheCap() throws {
        let chunkSize = 64 * 1024
        let total = 100 * 1024 * 1024
        let chunksProduced = Counter()
        let chunk = Data(repeating: UInt8(ascii: "d"), count: chunkSize)
        let server = try LoopbackHTTPServer { _ in
            .respond(HTTPServerResponse(status: 200, body: .chunked { index in
                guard index * chunkSize < total else { return nil }
                chunksProduced.next()
                return chunk
            }))
        }
        defer { server.stop() }
        let cap = 8 * 1024 * 1024
        let clock = TestClock()
        let client = try HTTPClient(remote: testRemote(maxResponseBytes: cap), environment: clock.environment())
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/export")) }
        guard case .responseTooLarge(let failure, let limit)? = error else {
            Issue.record("expected responseTooLarge, got \(String(describing: error))")
            return
        }
        #expect(limit == cap)
        #expect(failure.attempts == 1)  // never retried: the next attempt would be as large
        #expect(error?.kind == .tooLarge)
        #expect(error?.description.contains("larger than the 8388608-byte limit") == true)
        #expect(clock.sleeps.isEmpty)
        // The server streams lazily and stops when the client hangs up: it produced little
        // more than the cap plus socket buffers, nowhere near 100 MiB.
        server.stop()
        let producedBytes = chunksProduced.current * chunkSize
        #expect(producedBytes >= cap)
        #expect(producedBytes < 40 * 1024 * 1024, "server produced \(producedBytes) bytes")
    }

    @Test func theWriteCallbackNeverHoldsMoreThanTheCap() {
        // What curl's write callback does with each piece of a 100 MiB body.
        let state = TransferState(limit: 1 << 20, cancellation: HTTPCancellation())
        let piece = [UInt8](repeating: 1, count: 64 * 1024)
        var accepted = 0
        piece.withUnsafeBytes { raw in
            for _ in 0..<1600 where state.receiveBody(raw) { accepted += 1 }
        }
        #expect(accepted == 16)
        #expect(state.body.count == 1 << 20)
        #expect(state.exceededLimit)
    }

    @Test func anAnnouncedOversizedBodyIsRefusedBeforeReadingIt() throws {
        let server = try LoopbackHTTPServer { _ in
            .respond(HTTPServerResponse(status: 200, body: .bytes(Data(count: 4 * 1024 * 1024))))
        }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote(maxResponseBytes: 1024 * 1024))
        let error = expectHTTPError { () throws(HTTPError) in try client.send(HTTPRequest(.get, server.baseURL + "/big")) }
        #expect(error?.kind == .tooLarge)
        // The connection is dropped with the unread body; the next request still works.
        let small = try LoopbackHTTPServer { _ in .respond(.text(200, "ok")) }
        defer { small.stop() }
        #expect(try client.send(HTTPRequest(.get, small.baseURL + "/")).body == Data("ok".utf8))
    }

    @Test func aBodyExactlyAtTheCapIsAccepted() throws {
        let server = try LoopbackHTTPServer { _ in .respond(.streamed(totalBytes: 100_000, chunkSize: 7000)) }
        defer { server.stop() }
        let client = try HTTPClient(remote: testRemote(maxResponseBytes: 100_000))
        #expect(try client.send(HTTPRequest(.get, server.baseURL + "/")).body.count == 100_000)
        let tighter = try HTTPClient(remote: testRemote(maxResponseBytes: 99_999))
        #expect(expectHTTPError { () throws(HTTPError) in try tighter.send(HTTPRequest(.get, server.baseURL + "/")) }?.kind == .tooLarge)
    }
}
