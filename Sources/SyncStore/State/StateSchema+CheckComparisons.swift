extension StateSchema {
    /// CHECK constraints that list more than two allowed words, `status IN ('a', 'b', 'c')`,
    /// rewritten as the same rule spelled with comparisons, `(status = 'a' OR …)`.
    ///
    /// Why: SQLite (3.40, Debian 12's) evaluates such an IN list inside a CHECK by building
    /// a temporary b-tree of the words for every row it writes (the `OP_Once` that keeps a
    /// query's IN list for the whole statement is not emitted for constraints), and a journal
    /// row has two such lists: about 4 µs a row, over a third of a journal insert. Lists of
    /// two words are compared directly and stay as they are.
    ///
    /// The rules are equivalent, so every stored row satisfies the new text and the tables are
    /// edited in place (`Database.replaceInTableDefinitions`) rather than rebuilt: instant on
    /// any journal size.
    static let checkComparisons = Migration(id: 4, name: "check constraints as comparisons") { db in
        try db.replaceInTableDefinitions(checkComparisonEdits)
    }

    /// The IN lists of migrations 1–3 with more than two words, as shipped.
    static let checkComparisonEdits: [(table: String, old: String, new: String)] = [
        ("links", "status", ["active", "deleted", "flagged", "review", "unlinked"]),
        ("cycles", "result", ["running", "ok", "partial", "failed", "interrupted"]),
        ("writes", "operation", ["create", "update", "delete"]),
        ("journal", "direction", ["toCRM", "toPRM", "none"]),
        ("journal", "status", ["pending", "applied", "failed", "dead", "skipped"]),
        ("failures", "operation", ["create", "update", "delete"]),
        ("failures", "state", ["retry", "dead", "requeued", "closed"]),
        ("conflicts", "kind", ["field", "deleteVsEdit", "ambiguousLink", "channel"]),
        ("conflicts", "state", ["open", "resolved", "closed"]),
        ("conflicts", "resolution_take", ["crm", "prm", "value"]),
        ("lead_routes", "state", ["offered", "accepted", "rejected", "exhausted", "unrouted"]),
    ].map { table, column, words in
        let quoted = words.map { "'\($0)'" }
        return (table, "\(column) IN (\(quoted.joined(separator: ", ")))",
                "(" + quoted.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")")
    }
}
