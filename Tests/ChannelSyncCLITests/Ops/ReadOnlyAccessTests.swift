import Foundation
import SyncStore
import Testing
@testable import channelsync

/// The read commands cannot write, by construction: the connection they get from
/// `StateAccess.openReadOnly` is `SQLITE_OPEN_READONLY`, so even a write attempted
/// through it (a bug in a read command) fails and changes nothing.
@Suite struct ReadOnlyAccessTests {
    @Test func aWriteThroughTheReadCommandsConnectionFails() throws {
        try withFixture { fixture, _ in
            let before = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
            let state = try StateAccess.openReadOnly(DatabaseLocation(path: fixture.path, origin: "--db"))
            let rows = try state.journalCount()
            #expect(rows > 0)
            #expect(throws: (any Error).self) { _ = try state.openCycle(mapping: "deals") }
            #expect(throws: (any Error).self) { _ = try state.requeueFailure(id: fixture.deadFailure, by: "ops") }
            try state.close()
            let reopened = try SyncState.openReadOnly(path: fixture.path)
            defer { try? reopened.close() }
            #expect(try reopened.journalCount() == rows)
            #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)) == before)
        }
    }
}
