import Testing
@testable import SyncStore

/// The connections a cycle opens beside its own (`SyncState.sibling`): a share of the page
/// cache, and checkpoints left to the others when asked.
@Suite struct SiblingTests {
    @Test func aSiblingTakesItsShareOfTheCacheAndCheckpointsUnlessAskedNotTo() throws {
        try withState { state, _, _ in
            let writer = try state.sibling(cacheShare: 8, checkpoints: false)
            defer { try? writer.close() }
            #expect(try writer.database.scalar("PRAGMA cache_size", as: Int.self) == -(SyncState.cacheKiB / 8))
            #expect(try writer.database.scalar("PRAGMA wal_autocheckpoint", as: Int.self) == 0)
            let sender = try state.sibling()
            defer { try? sender.close() }
            #expect(try sender.database.scalar("PRAGMA cache_size", as: Int.self) == -(SyncState.cacheKiB / 4))
            #expect(try sender.database.scalar("PRAGMA wal_autocheckpoint", as: Int.self) == 1_000)
        }
    }
}
