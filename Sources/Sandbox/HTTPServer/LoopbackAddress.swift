/// Where the sandbox listens: loopback only, never a routable interface.
public enum LoopbackAddress: Sendable, Equatable {
    /// 127.0.0.1
    case ipv4
    /// ::1
    case ipv6

    /// The host as it appears in a URL.
    public var urlHost: String {
        switch self {
        case .ipv4: "127.0.0.1"
        case .ipv6: "[::1]"
        }
    }
}
