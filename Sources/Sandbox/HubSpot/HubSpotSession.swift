/// The HubSpot stand-in's state beside the records: OAuth tokens, correlation ids and
/// the request windows its rate limits count.
struct HubSpotSession: Sendable {
    enum Policy: String {
        case daily = "DAILY"
        case tenSecondly = "TEN_SECONDLY_ROLLING"
        case secondly = "SECONDLY"
    }

    var tokens = TokenRegistry()
    var correlations: Int64 = 0
    var day: Int64 = .min
    var dailyUsed = 0
    /// Request times in the last 10 s (oldest first).
    var burst: [Int64] = []
    /// Search request times in the last second.
    var searches: [Int64] = []

    /// A fresh correlation id, shaped like HubSpot's UUIDs and deterministic.
    mutating func correlationID() -> String {
        correlations += 1
        let hex = String(correlations, radix: 16)
        return "5a1db0c5-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - hex.count)) + hex
    }

    /// Counts a request; returns the policy it breaks, if any.
    mutating func admit(now: Int64, isSearch: Bool, configuration: HubSpotConfiguration) -> Policy? {
        let today = now / 86_400_000
        if today != day {
            day = today
            dailyUsed = 0
        }
        burst.removeAll { $0 <= now - 10_000 }
        searches.removeAll { $0 <= now - 1000 }
        dailyUsed += 1
        burst.append(now)
        if isSearch { searches.append(now) }
        if dailyUsed > configuration.dailyLimit { return .daily }
        if let limit = configuration.burstLimit, burst.count > limit { return .tenSecondly }
        if isSearch, let limit = configuration.searchPerSecond, searches.count > limit { return .secondly }
        return nil
    }
}
