import Foundation
import Testing
@testable import channelsync

/// The bench's peak-RSS probe: a process's VmHWM read from `/proc/PID/status`.
@Suite struct BenchChildTests {
    private let status = Array("""
        Name:\tchannelsync
        VmPeak:\t  812345 kB
        VmHWM:\t  123456 kB
        VmRSS:\t   99999 kB

        """.utf8)

    @Test func readsTheNumberOfItsLine() {
        #expect(BenchChild.kibibytes(after: Array("VmHWM:".utf8), in: status[...]) == 123_456)
        #expect(BenchChild.kibibytes(after: Array("VmRSS:".utf8), in: status[...]) == 99_999)
    }

    @Test func aLabelOnlyCountsAtTheStartOfALine() {
        let text = Array("Name:\tVmHWM: 5 kB\nVmRSS:\t7 kB\n".utf8)
        #expect(BenchChild.kibibytes(after: Array("VmHWM:".utf8), in: text[...]) == nil)
        #expect(BenchChild.kibibytes(after: Array("VmSwap:".utf8), in: status[...]) == nil)
        #expect(BenchChild.kibibytes(after: Array("VmRSS:".utf8), in: Array("VmRSS:\t kB".utf8)[...]) == nil)
    }

    @Test func readsALiveProcess() throws {
        let file = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        try #require(file >= 0)
        defer { close(file) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let peak = try #require(BenchChild.highWaterMark(file, buffer: &buffer))
        // This test process holds at least a few MB (the runtime, the test bundle).
        #expect(peak > 1 << 20)
        // Read again from the same descriptor: the file is regenerated, not at its end.
        #expect((BenchChild.highWaterMark(file, buffer: &buffer) ?? 0) >= peak)
    }

    @Test func aClosedProbeReadsNothing() {
        var buffer = [UInt8](repeating: 0, count: 64)
        #expect(BenchChild.highWaterMark(-1, buffer: &buffer) == nil)
    }
}
