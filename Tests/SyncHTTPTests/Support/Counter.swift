import Synchronization

/// A thread-safe counter for server handlers ("fail the first N requests").
final class Counter: Sendable {
    private let value = Mutex(0)

    /// Increments and returns the new value.
    @discardableResult
    func next() -> Int { value.withLock { $0 += 1; return $0 } }

    var current: Int { value.withLock { $0 } }
}

/// A thread-safe box for what a handler saw.
final class Recorder<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func record(_ value: Value) { values.withLock { $0.append(value) } }
    var all: [Value] { values.withLock { $0 } }
}
