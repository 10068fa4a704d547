import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct SortedBlocksTests {
    /// SplitMix64: small, seedable, good enough to drive a model test.
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test(arguments: [1, 7, 2024])
    func behavesLikeASortedArray(seed: UInt64) {
        print("SortedBlocksTests seed \(seed)")
        var random = Random(state: seed)
        var blocks = SortedBlocks<Int>()
        var model: [Int] = []
        for step in 0..<6000 {
            let value = random.next(3000)
            if random.next(4) == 0, !model.isEmpty {
                let victim = model[random.next(model.count)]
                let removed = blocks.remove(victim)
                #expect(removed, "step \(step)")
                model.remove(at: model.firstIndex(of: victim) ?? 0)
            } else {
                blocks.insert(value)
                model.insert(value, at: model.firstIndex { $0 > value } ?? model.count)
            }
            if step % 500 == 0 || step == 5999 {
                #expect(blocks.count == model.count)
                #expect(blocks.elements(from: blocks.startPosition, limit: .max) == model, "seed \(seed) step \(step)")
                let probe = random.next(3000)
                let lower = blocks.lowerBound(probe)
                #expect(blocks.rank(of: lower) == (model.firstIndex { $0 >= probe } ?? model.count))
                #expect(blocks.rank(of: blocks.upperBound(probe)) == (model.firstIndex { $0 > probe } ?? model.count))
                if !model.isEmpty {
                    let rank = random.next(model.count)
                    #expect(blocks[blocks.position(atRank: rank)] == model[rank])
                    #expect(blocks.contains(model[rank]))
                }
            }
        }
        // Walk backwards from the end.
        var backwards: [Int] = []
        var position = blocks.position(before: blocks.endPosition)
        while let current = position {
            backwards.append(blocks[current])
            position = blocks.position(before: current)
        }
        #expect(backwards == model.reversed())
        let removedMissing = blocks.remove(-1)
        #expect(!removedMissing)
    }

    /// A checkpoint copies the value; detaching gives the live copy blocks of its own, so
    /// the writes after it copy nothing (and the checkpoint keeps what it held).
    @Test func detachingGivesEveryBlockStorageOfItsOwn() {
        var live = SortedBlocks<Int>()
        for value in 0..<5000 { live.insert(value) }
        let checkpoint = live
        func addresses(_ blocks: SortedBlocks<Int>) -> [UnsafeRawPointer?] {
            blocks.blocks.map { block in block.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        }
        #expect(addresses(live) == addresses(checkpoint))
        live.detachStorage()
        let mine = addresses(live), theirs = addresses(checkpoint)
        #expect(mine.count == theirs.count && mine.count > 1)
        #expect(zip(mine, theirs).allSatisfy { $0 != $1 })
        #expect(live.elements(from: live.startPosition, limit: .max) == Array(0..<5000))
        live.remove(17)
        #expect(!live.contains(17) && checkpoint.contains(17))
    }
}
