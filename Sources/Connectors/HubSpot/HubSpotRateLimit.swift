import SyncCore
import SyncHTTP

/// HubSpot's rate-limit reporting: `X-HubSpot-RateLimit-Daily` and
/// `X-HubSpot-RateLimit-Daily-Remaining` on most responses (not on search), and a 429
/// body whose `policyName` says which limit broke.
enum HubSpotRateLimit {
    static func daily(_ headers: HTTPHeaders) -> QuotaReading? {
        guard let limit = headers["X-HubSpot-RateLimit-Daily"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
            let remaining = headers["X-HubSpot-RateLimit-Daily-Remaining"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
            limit > 0, remaining >= 0
        else { return nil }
        return QuotaReading(used: max(0, limit - remaining), limit: limit)
    }

    /// True for a 429 that means the daily allocation is spent (waiting seconds won't help).
    static func isDailyLimit(_ failure: HTTPFailure) -> Bool {
        guard failure.status == 429, let body = try? JSONParser().parse(failure.responseBody) else { return false }
        return body[key: "policyName"]?.stringValue?.uppercased() == "DAILY"
    }
}
