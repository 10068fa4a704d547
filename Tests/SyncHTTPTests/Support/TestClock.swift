import Foundation
import Synchronization
import SyncHTTP

/// A manual clock: `sleep` records the delay and moves time forward instead of waiting, so
/// retry and budget tests check exact delays without sleeping.
final class TestClock: Sendable {
    /// 2025-01-01T00:00:00Z, the wall-clock reading at monotonic zero.
    static let wallOrigin = Date(timeIntervalSince1970: 1_735_689_600)

    private struct State {
        var now: Duration = .zero
        var sleeps: [Duration] = []
    }

    private let state = Mutex(State())

    var now: Duration { state.withLock { $0.now } }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func advance(by duration: Duration) {
        state.withLock { $0.now += duration }
    }

    func environment(random: @escaping @Sendable () -> Double = { 0.5 }) -> HTTPEnvironment {
        HTTPEnvironment(
            monotonicNow: { self.now },
            wallClock: { Self.wallOrigin.addingTimeInterval(self.now.seconds) },
            sleep: { duration, _ in
                self.state.withLock { state in
                    state.sleeps.append(duration)
                    state.now += duration
                }
            },
            random: random)
    }
}

/// SplitMix64: a seeded, reproducible source of uniform doubles for jitter tests.
final class SeededRandom: Sendable {
    private let state: Mutex<UInt64>
    let seed: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = Mutex(seed)
    }

    func next() -> Double {
        let value = state.withLock { state -> UInt64 in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Double(value >> 11) / Double(1 << 53)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
