/// Where a database's schema stands relative to this build's migrations.
public struct MigrationStatus: Sendable, Equatable {
    /// Ids recorded in the database, ascending.
    public let appliedIDs: [Int]
    /// Ids this build knows that the database lacks, ascending.
    public let pendingIDs: [Int]
    /// Ids recorded in the database that this build does not know (a newer writer).
    public let unknownIDs: [Int]

    /// The newest recorded id; 0 for a database no migration has touched.
    public var databaseVersion: Int { appliedIDs.last ?? 0 }
    public var isUpToDate: Bool { pendingIDs.isEmpty && unknownIDs.isEmpty }
}
