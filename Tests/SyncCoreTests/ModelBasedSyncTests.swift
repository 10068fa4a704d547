import Foundation
import Testing
@testable import SyncCore

/// Randomized model-based test of the reconciler: thousands of scenarios, each
/// two simulated systems edited at random between sync cycles, checked for
/// convergence, no lost update, idempotence and determinism (see
/// `ModelBasedWorld`). The run seed is printed; replay a run with
/// `CHANNELSYNC_SEED=<seed>`, change the count with `CHANNELSYNC_SCENARIOS=<n>`.
/// A failing scenario is shrunk (rounds and actions dropped while it still
/// fails) and printed with a trace of every decision.
@Suite struct ModelBasedSyncTests {
    static let environment = ProcessInfo.processInfo.environment

    @Test func randomizedScenariosConvergeWithoutLostUpdates() throws {
        let seed = Self.environment["CHANNELSYNC_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
        let count = Self.environment["CHANNELSYNC_SCENARIOS"].flatMap { Int($0) } ?? 10_000
        print("ModelBasedSyncTests: seed \(seed), \(count) scenarios (replay: CHANNELSYNC_SEED=\(seed))")

        var rules: [Rule: Int] = [:]
        var conflicts = 0, divergences = 0
        for index in 0..<count {
            var random = ModelBasedRandom(seed: ModelBasedRandom.scenarioSeed(run: seed, index: index))
            let scenario = ModelBasedScenario.generate(&random)
            let world = try ModelBasedWorld(scenario, tracing: false)
            do {
                try world.run()
            } catch {
                let minimal = try Self.shrink(scenario)
                let replay = try ModelBasedWorld(minimal, tracing: true)
                var shrunkFailure = "(passes once shrunk: see the full scenario above)"
                do { try replay.run() } catch { shrunkFailure = "\(error)" }
                Issue.record("""
                    Model-based scenario \(index) of seed \(seed) failed: \(error)
                    Replay: CHANNELSYNC_SEED=\(seed) swift test --filter ModelBasedSyncTests
                    Shrunk to \(minimal.rounds.map(\.count).reduce(0, +)) action(s), failing with: \(shrunkFailure)
                    \(minimal)
                    Trace of the shrunk scenario:
                    \((replay.trace ?? []).joined(separator: "\n"))
                    """)
                return
            }
            rules.merge(world.rules, uniquingKeysWith: +)
            conflicts += world.openConflictsReported
            divergences += world.divergencesAllowed
        }
        print("ModelBasedSyncTests: \(count) scenarios passed; open manual conflicts reported at the end: \(conflicts); "
            + "one-way preferNonEmpty fields left different by design: \(divergences)")
        print("ModelBasedSyncTests: decisions by rule: "
            + rules.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " "))
        // The generator must reach every rule, or the properties above prove less than they claim.
        if count >= 2_000 {
            // Partner-workflow rules are decided on top of the reconciler (their own tests).
            let missing = Rule.allCases.filter { rules[$0] == nil && !$0.isPartnerWorkflow }
            #expect(missing.isEmpty, "rules never exercised: \(missing.map(\.rawValue))")
        }
    }

    /// Drops rounds, then single actions, while the scenario still fails.
    static func shrink(_ scenario: ModelBasedScenario) throws -> ModelBasedScenario {
        func fails(_ candidate: ModelBasedScenario) throws -> Bool {
            do { try ModelBasedWorld(candidate, tracing: false).run() } catch is ModelBasedWorld.Failure { return true }
            return false
        }
        var best = scenario
        var improved = true
        var attempts = 0
        while improved, attempts < 5_000 {
            improved = false
            for round in best.rounds.indices.reversed() where best.rounds.count > 1 {
                var candidate = best
                candidate.rounds.remove(at: round)
                attempts += 1
                if try fails(candidate) { best = candidate; improved = true }
            }
            for round in best.rounds.indices {
                for action in best.rounds[round].indices.reversed() where action < best.rounds[round].count {
                    var candidate = best
                    candidate.rounds[round].remove(at: action)
                    attempts += 1
                    if try fails(candidate) { best = candidate; improved = true }
                }
            }
        }
        return best
    }

    @Test func aKnownSeedReplaysTheSameScenario() {
        var first = ModelBasedRandom(seed: ModelBasedRandom.scenarioSeed(run: 42, index: 7))
        var second = ModelBasedRandom(seed: ModelBasedRandom.scenarioSeed(run: 42, index: 7))
        #expect(ModelBasedScenario.generate(&first).description == ModelBasedScenario.generate(&second).description)
    }
}
