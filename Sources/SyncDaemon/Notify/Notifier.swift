import Glibc

/// sd_notify(3) without libsystemd: each message is one datagram to `$NOTIFY_SOCKET`.
/// Without that variable (not started by systemd, or `Type=simple`) the notifier
/// is disabled and every call is a silent no-op. A socket is opened per message,
/// as libsystemd does: messages are rare and there is no descriptor to leak.
public struct Notifier: Sendable {
    /// Nil when notification is off.
    public let address: NotifyAddress?

    public init(address: NotifyAddress?) { self.address = address }

    /// Reads `$NOTIFY_SOCKET`; an unusable value is an error so it can be logged once.
    public init(environment: [String: String]) throws(DaemonError) {
        guard let value = environment["NOTIFY_SOCKET"], !value.isEmpty else {
            self.address = nil
            return
        }
        self.address = try NotifyAddress(value)
    }

    public static let disabled = Notifier(address: nil)

    public var isEnabled: Bool { address != nil }

    /// Sends the states in one datagram (so `RELOADING=1` and `MONOTONIC_USEC=` arrive together).
    public func send(_ states: [NotifyState]) throws(DaemonError) {
        guard let address, !states.isEmpty else { return }
        let message = Array(states.map(\.assignment).joined(separator: "\n").utf8)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .notifySend(address: address.text, errno: errno) }
        defer { close(fd) }
        let sent = address.withSocketAddress { pointer, length in
            message.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), pointer, length) }
        }
        guard sent == message.count else { throw .notifySend(address: address.text, errno: sent < 0 ? errno : EMSGSIZE) }
    }

    public func send(_ state: NotifyState) throws(DaemonError) {
        try send([state])
    }
}
