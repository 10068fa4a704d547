import Glibc
import Testing
@testable import SyncDaemon

@Suite("sd_notify without libsystemd")
struct NotifierTests {
    @Test(arguments: [false, true])
    func datagramsReachPathAndAbstractSockets(abstract: Bool) async throws {
        let socket = try FakeNotifySocket(abstract: abstract)
        defer { socket.close() }
        let notifier = try Notifier(environment: socket.environment)
        #expect(notifier.isEnabled)
        try notifier.send([.ready, .status("2 mappings\nok")])
        try notifier.send(.reloading(monotonicMicroseconds: 42))
        try notifier.send(.watchdog)
        try notifier.send(.stopping)
        #expect(await eventually { socket.messages.count == 4 })
        #expect(socket.messages == ["READY=1\nSTATUS=2 mappings ok", "RELOADING=1\nMONOTONIC_USEC=42", "WATCHDOG=1", "STOPPING=1"])
    }

    @Test func withoutNotifySocketEverythingIsSilentlyOff() throws {
        let notifier = try Notifier(environment: [:])
        #expect(!notifier.isEnabled)
        try notifier.send(.ready)
        #expect(try !Notifier(environment: ["NOTIFY_SOCKET": ""]).isEnabled)
    }

    @Test(arguments: ["relative/path", "@", "vsock:2:1234", "/" + String(repeating: "x", count: 120)])
    func unusableAddressesAreErrors(value: String) {
        #expect(throws: DaemonError.notifySocketAddress(value)) { try Notifier(environment: ["NOTIFY_SOCKET": value]) }
    }

    @Test func abstractNameMayUseTheWholePath() throws {
        let longest = "@" + String(repeating: "a", count: NotifyAddress.pathCapacity - 1)
        #expect(throws: Never.self) { try NotifyAddress(longest) }
        let tooLongPath = "/" + String(repeating: "a", count: NotifyAddress.pathCapacity - 1)
        #expect(throws: DaemonError.self) { try NotifyAddress(tooLongPath) }
    }

    @Test func sendToAMissingSocketFailsWithTheAddress() throws {
        let notifier = Notifier(address: try NotifyAddress("/nonexistent/channelsync/notify"))
        #expect(throws: DaemonError.notifySend(address: "/nonexistent/channelsync/notify", errno: ENOENT)) {
            try notifier.send(.ready)
        }
    }

    @Test func watchdogIntervalIsHalfOfWatchdogUsec() throws {
        #expect(try WatchdogInterval.from(environment: [:], pid: 10) == nil)
        #expect(try WatchdogInterval.from(environment: ["WATCHDOG_USEC": "4000000"], pid: 10) == .seconds(2))
        #expect(try WatchdogInterval.from(environment: ["WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "10"], pid: 10) == .seconds(2))
        #expect(try WatchdogInterval.from(environment: ["WATCHDOG_USEC": "4000000", "WATCHDOG_PID": "11"], pid: 10) == nil)
        #expect(throws: DaemonError.self) { try WatchdogInterval.from(environment: ["WATCHDOG_USEC": "soon"], pid: 10) }
    }
}
