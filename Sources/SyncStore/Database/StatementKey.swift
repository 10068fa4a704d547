/// The statement cache's key: the SQL text, hashed by its length and its first and last
/// 32 bytes rather than all of it. A statement is looked up for every row written, and
/// hashing a few hundred bytes of SQL each time was ≈ 2–3% of a store writer's CPU.
/// Keys with the same hash still compare their whole text (`String`'s `==`: the same
/// storage at once, else its bytes, as SQL text is ASCII).
struct StatementKey: Hashable {
    let sql: String

    func hash(into hasher: inout Hasher) {
        var sql = sql
        sql.withUTF8 { bytes in
            hasher.combine(bytes.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.prefix(32))))
            hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(32))))
        }
    }
}
