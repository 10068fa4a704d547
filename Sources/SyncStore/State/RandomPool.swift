import Glibc
import Synchronization

/// Random bits for link ids from the system's random source, a block at a time: one read
/// of `/dev/urandom` per 256 ids instead of two `getrandom` calls per id
/// (`SystemRandomNumberGenerator` makes one for each value it returns; `getrandom` and
/// `arc4random_buf` themselves are not in the Glibc module of every supported system).
/// Shared by every thread that makes ids; the lock is held to copy ten bytes.
final class RandomPool: Sendable {
    private struct Block {
        /// Ten bytes per id: 64 bits, then 16.
        var bytes = [UInt8](repeating: 0, count: RandomPool.blockSize * 10)
        var next = RandomPool.blockSize
    }

    /// Ids per refill.
    static let blockSize = 256
    private let block = Mutex(Block())

    /// 64 and 16 fresh random bits.
    func next() -> (UInt64, UInt16) {
        block.withLock { block in
            if block.next == Self.blockSize {
                Self.fill(&block.bytes)
                block.next = 0
            }
            defer { block.next += 1 }
            let start = block.next * 10
            var word: UInt64 = 0
            for offset in 0..<8 { word = word << 8 | UInt64(block.bytes[start + offset]) }
            return (word, UInt16(block.bytes[start + 8]) << 8 | UInt16(block.bytes[start + 9]))
        }
    }

    /// Fills `bytes` from `/dev/urandom` (reads retried when a signal cut them short);
    /// what that cannot give (no such device), from `SystemRandomNumberGenerator`.
    private static func fill(_ bytes: inout [UInt8]) {
        var filled = 0
        let device = open("/dev/urandom", O_RDONLY | O_CLOEXEC)
        if device >= 0 {
            bytes.withUnsafeMutableBytes { buffer in
                while filled < buffer.count, let base = buffer.baseAddress {
                    let got = read(device, base + filled, buffer.count - filled)
                    if got > 0 {
                        filled += got
                    } else if got < 0, errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
            }
            close(device)
        }
        var generator = SystemRandomNumberGenerator()
        while filled < bytes.count {
            bytes[filled] = generator.next()
            filled += 1
        }
    }
}
