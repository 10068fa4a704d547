import Foundation
import Testing
import Connectors
import Sandbox
import SyncCore
import SyncHTTP
@testable import SyncDaemon

/// Issue 9 item 3: every connector, built from its shipped example config the way the
/// daemon builds it, meets one damaged answer per iteration — the token, a page, a batch
/// answer or a lookup — served by a loopback sandbox, so the whole HTTP → parse → decode
/// path runs. Each call must succeed or throw a `ConnectorError` whose description is not
/// empty, names the remote and quotes no secret; a crash fails the whole run.
///
/// The seed is printed; replay with `CHANNELSYNC_FUZZ_SEED=<seed>`, run longer with
/// `CHANNELSYNC_FUZZ_ITERATIONS=<n>` (per remote; CI runs 24).
@Suite("Bad input: damaged answers to every connector")
struct ConnectorFuzzTests {
    /// What a run saw, to show that the damage landed and both outcomes occurred.
    struct Tally {
        var damaged = 0
        var succeeded = 0
        var failed: [ConnectorError.Kind: Int] = [:]
        var mutations: [BodyMutation: Int] = [:]
        /// Damaged answers by request kind (`GET`, `POST`, `PATCH`…; token requests apart).
        var requests: [String: Int] = [:]
    }

    struct Runaway: Error, CustomStringConvertible {
        var description: String { "the pull produced more than 1000 pages" }
    }

    @Test func damagedAnswersGiveClearTypedErrorsAndNeverCrash() throws {
        let seed = FuzzRandom.runSeed
        let iterations = FuzzRandom.iterations(standard: 24)
        print("ConnectorFuzzTests: seed \(seed), \(iterations) iterations per remote (replay: CHANNELSYNC_FUZZ_SEED=\(seed))")
        let clock = ManualClock()
        let environment = SandboxEnvironment(clock: clock)
        let sandbox = try MutatingSandbox(environment: environment)
        clock.advance(by: 3_600_000)
        var tally = Tally()
        for (index, fuzz) in try FuzzRemote.all(on: sandbox).enumerated() {
            let seeded = try environment.store(fuzz.system).seed(fuzz.object, fields: fuzz.record)
            clock.advance(by: 60_000)
            for iteration in 0..<iterations {
                var random = FuzzRandom(seed: FuzzRandom.itemSeed(run: seed, index: index << 32 | iteration))
                let replay = "seed \(seed) (CHANNELSYNC_FUZZ_SEED), remote \(fuzz.remote.name), iteration \(iteration)"
                try Self.iteration(fuzz, seededID: seeded.id, iteration: iteration, sandbox: sandbox, clock: clock,
                                   random: &random, replay: replay, tally: &tally)
                clock.advance(by: 1_000)
            }
        }
        print("ConnectorFuzzTests: \(tally.damaged) damaged answers served; \(tally.succeeded) calls succeeded;"
              + " failures by kind \(tally.failed.map { "\($0.key)=\($0.value)" }.sorted());"
              + " damaged requests \(tally.requests.map { "\($0.key)=\($0.value)" }.sorted())")
        let remotes = FuzzRemote.dialects.count
        #expect(tally.damaged >= remotes * iterations / 2, "the damage rarely reached a connector")
        #expect(tally.succeeded > 0 && !tally.failed.isEmpty)
        #expect(tally.requests.keys.contains("token") && tally.requests.keys.contains("GET"), "\(tally.requests)")
        #expect(tally.failed[.malformedResponse, default: 0] > 0, "no damaged body was refused as malformed")
    }

    static func iteration(_ fuzz: FuzzRemote, seededID: String, iteration: Int, sandbox: MutatingSandbox, clock: ManualClock,
                          random: inout FuzzRandom, replay: String, tally: inout Tally) throws {
        let mutation = BodyMutation.random(using: &random)
        let errorStatus = random.chance(0.25) ? RemoteErrorSamples.statuses[random.below(RemoteErrorSamples.statuses.count)] : nil
        let errorBody = RemoteErrorSamples.bodies[random.below(RemoteErrorSamples.bodies.count)]
        let damageErrorBody = random.chance(0.5)
        let damageSeed = random.next()
        tally.mutations[mutation, default: 0] += 1
        sandbox.arm(skipping: random.below(7)) { status, body in
            var damage = FuzzRandom(seed: damageSeed)
            guard let errorStatus else { return (status, mutation.apply(to: body, using: &damage)) }
            return (errorStatus, damageErrorBody ? mutation.apply(to: errorBody, using: &damage) : errorBody)
        }
        defer {
            if let request = sandbox.disarm() {
                tally.damaged += 1
                let kind = request.lowercased().contains("token") ? "token" : String(request.prefix { $0 != " " })
                tally.requests[kind, default: 0] += 1
            }
        }
        let what = "\(replay), \(mutation)\(errorStatus.map { " as HTTP \($0)" } ?? "")"

        // A fresh connector each time, so the token answer is among those damaged.
        let client = try HTTPClient(remote: fuzz.remote.httpSettings, environment: VirtualTime().environment)
        let connector = try fuzz.remote.connector(client: client, credentials: .fixed(CycleWorld.secrets), tokenStore: .none,
                                                  clock: ConnectorClock { clock.now() })
        var cursor: PullCursor?
        for pass in 0..<2 {
            call("pull \(pass)", fuzz, what, &tally) {
                var pages = 0
                let summary = try connector.pull(PullRequest(object: fuzz.object, fields: fuzz.fields, since: cursor)) { _ in
                    pages += 1
                    if pages > 1000 { throw Runaway() }
                }
                cursor = summary.cursor
            }
        }
        let external = "fuzz-\(iteration)"
        var fields = fuzz.record
        fields[fuzz.titleField] = .string("Fuzz \(iteration)")
        let batch = WriteBatch(object: fuzz.object, externalIdField: fuzz.externalIdField, writes: [
            RecordWrite(key: "create", operation: .create, externalId: external, fields: .object(fields)),
            RecordWrite(key: "update", operation: .update, id: seededID,
                        fields: .object([fuzz.titleField: .string("Edited \(iteration)")])),
        ])
        call("write", fuzz, what, &tally) {
            let outcomes = try connector.write(batch)
            #expect(outcomes.map(\.key).sorted() == ["create", "update"], "\(what): write outcomes \(outcomes)")
            for case .failed(let failure) in outcomes.map(\.result) {
                checkText(failure.message + (failure.raw ?? ""), fuzz, "\(what): write outcome", requireRemote: false)
            }
        }
        if let field = fuzz.externalIdField {
            call("lookup", fuzz, what, &tally) {
                _ = try connector.lookup(object: fuzz.object, externalIdField: field, values: [external, "fuzz-missing"])
            }
        }
    }

    /// Runs one connector call: success, or a `ConnectorError` that reads well.
    static func call(_ name: String, _ fuzz: FuzzRemote, _ what: String, _ tally: inout Tally, _ body: () throws -> Void) {
        do {
            try body()
            tally.succeeded += 1
        } catch let error as ConnectorError {
            tally.failed[error.kind, default: 0] += 1
            checkText(error.description, fuzz, "\(what): \(name) failed with \(error.kind)", requireRemote: true)
        } catch {
            Issue.record("\(what): \(name) threw \(type(of: error)), not a ConnectorError: \(error)")
        }
    }

    /// Not empty, names the remote (for errors), quotes no secret.
    static func checkText(_ text: String, _ fuzz: FuzzRemote, _ context: String, requireRemote: Bool) {
        if requireRemote {
            #expect(!text.isEmpty, "\(context): empty description")
            #expect(text.contains(fuzz.remote.name), "\(context): does not name the remote: \(text)")
        }
        for secret in CycleWorld.secrets.values {
            #expect(!text.contains(secret), "\(context): quotes a secret: \(text)")
        }
        #expect(!text.contains("Bearer "), "\(context): quotes an Authorization header: \(text)")
    }
}
