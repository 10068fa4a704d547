/// The layered timeouts of one remote. The total timeout bounds a whole attempt; the
/// low-speed limit catches a transfer that trickles (a stalled proxy) long before that.
public struct HTTPTimeouts: Sendable, Equatable {
    public var connect: Duration
    public var total: Duration
    /// Abort when fewer than `lowSpeedBytesPerSecond` arrive for `lowSpeedTime` (whole
    /// seconds, curl's granularity); a zero `lowSpeedTime` disables the check.
    public var lowSpeedBytesPerSecond: Int
    public var lowSpeedTime: Duration

    public init(
        connect: Duration = .seconds(10), total: Duration = .seconds(120),
        lowSpeedBytesPerSecond: Int = 1, lowSpeedTime: Duration = .seconds(60)
    ) {
        self.connect = connect
        self.total = total
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedTime = lowSpeedTime
    }

    public static let standard = HTTPTimeouts()

    var problem: String? {
        if connect <= .zero { return "timeouts.connect must be positive" }
        if total <= .zero { return "timeouts.total must be positive" }
        if lowSpeedTime < .zero || lowSpeedBytesPerSecond < 0 {
            return "timeouts.lowSpeed values must not be negative"
        }
        return nil
    }
}
