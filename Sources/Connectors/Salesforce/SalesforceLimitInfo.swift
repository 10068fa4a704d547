/// `Sforce-Limit-Info: api-usage=18/100000` (possibly with more parts, e.g.
/// `per-app-api-usage=…`): the org's API calls used in the last 24 h and its allocation.
enum SalesforceLimitInfo {
    static func parse(_ value: String) -> QuotaReading? {
        for part in value.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "api-usage" else { continue }
            let numbers = pair[1].split(separator: "/")
            guard numbers.count == 2,
                let used = Int(numbers[0].trimmingCharacters(in: .whitespaces)),
                let limit = Int(numbers[1].trimmingCharacters(in: .whitespaces)), used >= 0, limit > 0
            else { return nil }
            return QuotaReading(used: used, limit: limit)
        }
        return nil
    }
}
