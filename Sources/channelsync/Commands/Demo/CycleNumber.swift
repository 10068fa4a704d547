import Foundation

/// The cycle after which a queued edit ran, set by the edit on the mapping's queue
/// and read by the story. `@unchecked Sendable`: `number` is only touched with `lock` held.
final class CycleNumber: @unchecked Sendable {
    private let lock = NSLock()
    private var number: Int?

    var value: Int? {
        get { lock.lock(); defer { lock.unlock() }; return number }
        set { lock.lock(); number = newValue; lock.unlock() }
    }
}
