import Foundation

/// The id of a record a queued edit created, read by the story after the edit ran.
/// `@unchecked Sendable`: `stored` is only touched with `lock` held.
final class CreatedID: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?

    var value: String? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
