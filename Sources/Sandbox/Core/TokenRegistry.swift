/// Access tokens an OAuth stand-in has issued, with their expiry on the sandbox clock.
struct TokenRegistry: Sendable {
    enum Check: Sendable, Equatable {
        case valid
        /// Expired this many milliseconds ago (HubSpot says so in its message).
        case expired(agoMilliseconds: Int64)
        case unknown
    }

    private var expiries: [String: Int64] = [:]
    private var issued: Int64 = 0

    /// Mints a token valid for `lifetime` ms from `now`.
    mutating func issue(prefix: String, now: Int64, lifetime: Int64) -> String {
        issued += 1
        let token = prefix + Base62.encode(issued &* 1_000_003 &+ now, width: 24)
        expiries[token] = now + lifetime
        // Forget long-dead tokens so a long benchmark does not grow this without bound.
        if expiries.count > 10_000 { expiries = expiries.filter { $0.value > now } }
        return token
    }

    func check(_ token: String, now: Int64) -> Check {
        guard let expiry = expiries[token] else { return .unknown }
        return now < expiry ? .valid : .expired(agoMilliseconds: now - expiry)
    }

    /// Every token issued so far expires now.
    mutating func expireAll(now: Int64) {
        for key in expiries.keys { expiries[key] = min(expiries[key] ?? now, now) }
    }

    var count: Int { expiries.count }
}
