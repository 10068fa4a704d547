/// The result of `SyncState.check()`: SQLite's integrity and foreign-key checks plus
/// the sync state's own invariants.
public struct StateCheckReport: Sendable, Hashable {
    public var schemaVersion: Int
    public var expectedSchemaVersion: Int
    /// `PRAGMA integrity_check` problems; empty when sound.
    public var integrity: [String]
    public var foreignKeys: [String]
    /// The sync state's own invariants that do not hold (missing append-only
    /// triggers, outcomes without intents, pending writes with outcome rows, …).
    public var invariants: [String]
    public var journalRows: Int
    public var pendingIntents: Int

    public init(schemaVersion: Int, expectedSchemaVersion: Int, integrity: [String], foreignKeys: [String],
                invariants: [String], journalRows: Int, pendingIntents: Int) {
        self.schemaVersion = schemaVersion
        self.expectedSchemaVersion = expectedSchemaVersion
        self.integrity = integrity
        self.foreignKeys = foreignKeys
        self.invariants = invariants
        self.journalRows = journalRows
        self.pendingIntents = pendingIntents
    }

    public var isSound: Bool { integrity.isEmpty && foreignKeys.isEmpty && invariants.isEmpty }
}
