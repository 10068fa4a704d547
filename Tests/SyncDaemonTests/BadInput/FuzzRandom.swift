import Foundation
import Sandbox

/// A seeded generator (SplitMix64) for the mutation tests, so a failing run replays from
/// its printed seed: `CHANNELSYNC_FUZZ_SEED=<seed>`; `CHANNELSYNC_FUZZ_ITERATIONS=<n>`
/// runs longer by hand (CI uses each test's small default).
struct FuzzRandom: RandomNumberGenerator {
    private var source: SeededRandom

    init(seed: UInt64) { source = SeededRandom(seed: seed) }

    mutating func next() -> UInt64 { source.next() }

    /// A value in `0..<bound` (0 when `bound` is not positive).
    mutating func below(_ bound: Int) -> Int {
        bound > 0 ? Int.random(in: 0..<bound, using: &self) : 0
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    /// The run's seed: `CHANNELSYNC_FUZZ_SEED`, else a fresh one (printed by the caller).
    static var runSeed: UInt64 {
        ProcessInfo.processInfo.environment["CHANNELSYNC_FUZZ_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0...UInt64.max)
    }

    /// `CHANNELSYNC_FUZZ_ITERATIONS`, else `standard`.
    static func iterations(standard: Int) -> Int {
        ProcessInfo.processInfo.environment["CHANNELSYNC_FUZZ_ITERATIONS"].flatMap { Int($0) }.map { max(1, $0) } ?? standard
    }

    /// A seed for item `index` of a run, independent of the items before it.
    static func itemSeed(run: UInt64, index: Int) -> UInt64 {
        var mixer = FuzzRandom(seed: run ^ (UInt64(truncatingIfNeeded: index) &* 0xD6E8_FEB8_6659_FD93))
        return mixer.next()
    }
}
