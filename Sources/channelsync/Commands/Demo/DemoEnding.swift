import Foundation

/// How the story ended, handed from its thread to the main thread.
/// `@unchecked Sendable`: `stored` is only touched with `lock` held.
final class DemoEnding: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<DemoStory.Result, DemoError>?

    var story: Result<DemoStory.Result, DemoError>? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
