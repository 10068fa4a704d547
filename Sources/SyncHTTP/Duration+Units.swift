extension Duration {
    /// "2s", "0.25s": for messages and log fields.
    var secondsText: String {
        let (seconds, attoseconds) = components
        if attoseconds == 0 { return "\(seconds)s" }
        return "\((inSeconds * 1000).rounded() / 1000)s"
    }

    /// Whole milliseconds, rounded up, clamped to `Int`: for curl's `_MS` options.
    var wholeMillisecondsRoundedUp: Int {
        let (seconds, attoseconds) = components
        let extra = attoseconds > 0 ? (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000 : 0
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        if overflow { return Int.max }
        return Int(clamping: product + extra)
    }

    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
