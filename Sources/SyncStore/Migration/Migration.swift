/// One numbered schema change.
///
/// Ids are positive integers, applied in ascending order whatever the order of
/// declaration. An id, once shipped, is never reused or edited: the database records
/// which ids it has, and a build that meets an id it does not know refuses the file.
public struct Migration: Sendable {
    public let id: Int
    /// A short label for messages and the `schema_migrations` table.
    public let name: String
    let apply: @Sendable (Database) throws -> Void

    /// A migration that runs an SQL script (several statements, no bound values).
    public init(id: Int, name: String, sql: String) {
        self.init(id: id, name: name) { try $0.executeScript(sql) }
    }

    /// A migration written in Swift, for changes SQL alone cannot express (back-filling
    /// with bound values). It runs inside the migration's transaction; it must not open
    /// its own.
    public init(id: Int, name: String, apply: @escaping @Sendable (Database) throws -> Void) {
        self.id = id
        self.name = name
        self.apply = apply
    }
}
