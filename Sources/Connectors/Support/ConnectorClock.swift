import Foundation

/// Wall-clock time in epoch milliseconds, injected so tests decide when a token expires
/// and what "now" the delete feed is asked up to.
public struct ConnectorClock: Sendable {
    private let read: @Sendable () -> Int64

    public init(_ now: @escaping @Sendable () -> Int64) {
        read = now
    }

    public func now() -> Int64 { read() }

    public static let system = ConnectorClock {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
