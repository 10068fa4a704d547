/// The Pipedrive stand-in's state beside the records: OAuth tokens and the 2-second
/// window its burst limit counts.
struct PipedriveSession: Sendable {
    static let window: Int64 = 2000

    var tokens = TokenRegistry()
    /// Request times in the current window (oldest first).
    var burst: [Int64] = []

    /// Counts a request; false when it breaks the burst limit.
    mutating func admit(now: Int64, limit: Int?) -> Bool {
        burst.removeAll { $0 <= now - Self.window }
        burst.append(now)
        guard let limit else { return true }
        return burst.count <= limit
    }

    /// Requests left in the window, and seconds until it frees one.
    func remaining(now: Int64, limit: Int) -> (left: Int, resetSeconds: Int64) {
        let inWindow = burst.filter { $0 > now - Self.window }
        let reset = inWindow.first.map { max(1, ($0 + Self.window - now + 999) / 1000) } ?? 2
        return (max(0, limit - inWindow.count), reset)
    }
}
