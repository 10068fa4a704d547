import Foundation
import Testing
@testable import Connectors

@Suite("Overlap memory")
struct OverlapMemoryTests {
    @Test("a pair delivered before is skipped; a new time for the same id is not")
    func skipsOnlySamePair() {
        var memory = OverlapMemory(cursor: nil, overlap: 1000, capacity: 100)
        memory.note(id: "a", stamp: 10_000)
        #expect(memory.delivered(id: "a", stamp: 10_000))
        #expect(!memory.delivered(id: "a", stamp: 10_001))
        #expect(!memory.delivered(id: "b", stamp: 10_000))
        #expect(memory.highWater == 10_000)
    }

    @Test("entries older than highWater − overlap are dropped; the cursor carries the rest")
    func prunesByWindow() throws {
        var memory = OverlapMemory(cursor: nil, overlap: 1000, capacity: 100)
        for index in 0..<50 { memory.note(id: "r\(index)", stamp: Int64(index) * 100) }
        let cursor = memory.cursor(deletesCoveredUntil: 7)
        #expect(cursor.highWater == 4900)
        #expect(cursor.deletesCoveredUntil == 7)
        #expect(Set(cursor.overlapSeen?.keys ?? [:].keys) == Set((39..<50).map { "r\($0)" }))
        // Survives the store's JSON round trip.
        let decoded = try JSONDecoder().decode(PullCursor.self, from: JSONEncoder().encode(cursor))
        #expect(decoded == cursor)
        let resumed = OverlapMemory(cursor: decoded, overlap: 1000, capacity: 100)
        #expect(resumed.delivered(id: "r45", stamp: 4500))
        #expect(!resumed.delivered(id: "r38", stamp: 3800))
    }

    @Test("capacity bounds the memory, oldest out first")
    func capacity() {
        var memory = OverlapMemory(cursor: nil, overlap: 1_000_000, capacity: 10)
        for index in 0..<1000 { memory.note(id: "r\(index)", stamp: Int64(index)) }
        #expect(memory.seen.count == 10)
        #expect(memory.delivered(id: "r999", stamp: 999))
        #expect(!memory.delivered(id: "r989", stamp: 989))
    }

    @Test("a re-delivered id keeps only its newest time")
    func redelivery() {
        var memory = OverlapMemory(cursor: nil, overlap: 10, capacity: 100)
        memory.note(id: "a", stamp: 100)
        memory.note(id: "b", stamp: 105)
        memory.note(id: "a", stamp: 108)
        memory.note(id: "c", stamp: 200)
        #expect(memory.seen == ["c": 200])
        var wide = OverlapMemory(cursor: nil, overlap: 1000, capacity: 100)
        wide.note(id: "a", stamp: 100)
        wide.note(id: "a", stamp: 108)
        #expect(wide.seen == ["a": 108])
    }

    @Test("an old cursor without overlapSeen still decodes")
    func oldCursorJSON() throws {
        let cursor = try JSONDecoder().decode(PullCursor.self, from: Data(#"{"highWater":5,"deletesCoveredUntil":3}"#.utf8))
        #expect(cursor == PullCursor(highWater: 5, deletesCoveredUntil: 3))
    }
}
