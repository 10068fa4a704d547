import Foundation
import Synchronization
import Testing
import Connectors
import Sandbox
import SyncCore
import SyncHTTP
@testable import SyncDaemon

/// Issue 9 item 3, the named hostile answers, through every connector's real pull (built
/// from its example config, over loopback): the page carrying the seeded record is
/// rewritten. Each is refused with a `ConnectorError` naming the remote, the request and
/// the reason — or, for a 30-digit amount, kept exact.
@Suite("Bad input: hostile pages through every connector")
struct ConnectorHostileBodyTests {
    /// Where the amount is in each dialect's records.
    static let amountKeys: [RemoteDialect: String] = [
        .salesforce: "Amount", .hubspot: "amount", .impartner: "amount", .partnerstack: "amount", .rest: "amount",
        .pipedrive: "value", .zoho: "Amount", .dataverse: "estimatedvalue",
    ]

    static let title = Array(#""Acme expansion""#.utf8)

    /// A world with the seeded record on every system, and each remote's connector.
    final class World {
        let clock = ManualClock()
        let sandbox: MutatingSandbox
        let remotes: [FuzzRemote]

        init() throws {
            sandbox = try MutatingSandbox(environment: SandboxEnvironment(clock: clock))
            clock.advance(by: 3_600_000)
            remotes = try FuzzRemote.all(on: sandbox)
            for fuzz in remotes { try sandbox.environment.store(fuzz.system).seed(fuzz.object, fields: fuzz.record) }
            clock.advance(by: 60_000)
        }

        /// Pulls `fuzz`'s object with the page that carries the seeded record replaced by
        /// `rewrite(body)`.
        func pull(_ fuzz: FuzzRemote, rewrite: @escaping @Sendable ([UInt8]) -> HTTPServerReply) throws -> [NativeRecord] {
            sandbox.rewrite { _, response in
                response.status == 200 && response.body.firstRange(of: ConnectorHostileBodyTests.title) != nil
                    ? rewrite(response.body) : nil
            }
            defer { sandbox.rewrite(nil) }
            let client = try HTTPClient(remote: fuzz.remote.httpSettings, environment: VirtualTime().environment)
            let clock = clock
            let connector = try fuzz.remote.connector(client: client, credentials: .fixed(CycleWorld.secrets), tokenStore: .none,
                                                      clock: ConnectorClock { clock.now() })
            var records: [NativeRecord] = []
            _ = try connector.pull(PullRequest(object: fuzz.object, fields: fuzz.fields, since: nil)) { records += $0.records }
            return records
        }
    }

    static func json(_ bytes: [UInt8]) -> HTTPServerReply {
        .respond(HTTPServerResponse(status: 200, headers: ["Content-Type": "application/json"], body: .bytes(Data(bytes))))
    }

    /// Pulls with `rewrite` and expects a refusal whose description says `reason`.
    static func expectRefused(_ world: World, _ fuzz: FuzzRemote, reason: String,
                              rewrite: @escaping @Sendable ([UInt8]) -> HTTPServerReply) {
        do {
            let records = try world.pull(fuzz, rewrite: rewrite)
            Issue.record("\(fuzz): the hostile page was accepted: \(records.count) records")
        } catch let error as ConnectorError {
            let text = error.description
            #expect(text.hasPrefix(fuzz.remote.name + ": "), "\(fuzz): \(text)")
            #expect(text.contains(reason), "\(fuzz): \(text)")
            #expect(!text.contains("Acme"), "\(fuzz): the error quotes the body: \(text)")
            #expect(text.count < 1_000, "\(fuzz): \(text.count) characters")
        } catch {
            Issue.record("\(fuzz): \(type(of: error)) instead of a ConnectorError: \(error)")
        }
    }

    @Test func tenThousandDeepNestingInAPageIsRefused() throws {
        let world = try World()
        let nested = [UInt8](repeating: UInt8(ascii: "["), count: 10_000) + [UInt8](repeating: UInt8(ascii: "]"), count: 10_000)
        for fuzz in world.remotes {
            Self.expectRefused(world, fuzz, reason: "nested deeper than 256 levels") { body in
                Self.json(body.replacing(Self.title, with: nested))
            }
        }
    }

    @Test func invalidUTF8InARecordFieldIsRefused() throws {
        let world = try World()
        for fuzz in world.remotes {
            Self.expectRefused(world, fuzz, reason: "invalid UTF-8") { body in
                Self.json(body.replacing(Self.title, with: Array(#""Acme "#.utf8) + [0xFF, 0xC3, 0x28] + Array(#"expansion""#.utf8)))
            }
        }
    }

    @Test func duplicateKeysInARecordAreRefused() throws {
        let world = try World()
        for fuzz in world.remotes {
            let duplicate = Array(#","\#(fuzz.titleField)":"Shadow""#.utf8)
            Self.expectRefused(world, fuzz, reason: "duplicate key '\(fuzz.titleField)'") { body in
                Self.json(body.replacing(Self.title, with: Self.title + duplicate))
            }
        }
    }

    @Test func amountsBeyondDoubleOrDecimalAreRefused() throws {
        let world = try World()
        for fuzz in world.remotes {
            let key = try #require(Self.amountKeys[fuzz.remote.dialect])
            for huge in ["1e999", "-1e400", String(repeating: "9", count: 40), "1.5e308"] {
                Self.expectRefused(world, fuzz, reason: "number out of range") { body in
                    Self.json(Self.replacingMember(key, in: body, with: Array(huge.utf8)))
                }
            }
        }
    }

    @Test func aThirtyDigitAmountIsKeptExactly() throws {
        let world = try World()
        let digits = "123456789012345678901234567890"
        for fuzz in world.remotes {
            let key = try #require(Self.amountKeys[fuzz.remote.dialect])
            let records = try world.pull(fuzz) { body in Self.json(Self.replacingMember(key, in: body, with: Array(digits.utf8))) }
            let amounts = records.compactMap { record -> JSONValue? in
                if case .object(let fields) = record.fields { return fields[key] }
                return nil
            }
            #expect(amounts == [.number(try #require(Decimal(string: digits)))], "\(fuzz): \(amounts)")
        }
    }

    /// 1 GiB, chunked (no Content-Length), produced lazily: the 64 MiB default cap stops
    /// the transfer, the connection is dropped, and memory stays far below the body size.
    @Test func aOneGiBAnswerWithoutContentLengthIsStoppedAtTheCap() throws {
        let world = try World()
        let chunkSize = 256 * 1024
        let total = 1 << 30
        let highWaterBefore = Self.highWaterKiB()
        for fuzz in world.remotes {
            let produced = Mutex(0)
            let chunk = Data(repeating: UInt8(ascii: " "), count: chunkSize)
            Self.expectRefused(world, fuzz, reason: "response larger than the 67108864-byte limit") { _ in
                .respond(HTTPServerResponse(status: 200, headers: ["Content-Type": "application/json"], body: .chunked { index in
                    guard index * chunkSize < total else { return nil }
                    produced.withLock { $0 += chunkSize }
                    return chunk
                }))
            }
            // Only the cap plus socket buffers were produced: the client hung up.
            let bytes = produced.withLock { $0 }
            #expect(bytes >= 64 << 20 && bytes < 160 << 20, "\(fuzz): the server produced \(bytes >> 20) MiB")
        }
        let growth = Self.highWaterKiB() - highWaterBefore
        #expect(growth < 512 * 1024, "peak memory grew by \(growth >> 10) MiB for eight 1 GiB answers")
    }

    /// `VmHWM` (peak resident set) of this process, KiB.
    static func highWaterKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// `"key":VALUE` (a scalar) with VALUE replaced, at each occurrence.
    static func replacingMember(_ key: String, in body: [UInt8], with value: [UInt8]) -> [UInt8] {
        let head = Array("\"\(key)\":".utf8)
        var result: [UInt8] = []
        var index = 0
        while let found = body[index...].firstRange(of: head) {
            result += body[index..<found.upperBound]
            var end = found.upperBound
            if end < body.count, body[end] == UInt8(ascii: "\"") {
                end += 1
                while end < body.count, body[end] != UInt8(ascii: "\"") { end += body[end] == UInt8(ascii: "\\") ? 2 : 1 }
                end += 1
            } else {
                while end < body.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(body[end]) { end += 1 }
            }
            result += value
            index = min(end, body.count)
        }
        return result + body[index...]
    }
}
