import CSQLite

extension Database {
    /// Runs `body` in one transaction: commits when it returns `.commit`, rolls back when
    /// it returns `.rollback` or throws (the error is rethrown).
    ///
    /// Batch many writes into one transaction: with `synchronous=FULL` every commit is an
    /// fsync, so one commit per batch is what makes tens of thousands of rows per second.
    ///
    /// Nesting is an error (`StoreError.nestedTransaction`), not a savepoint: a callee
    /// that silently joined its caller's transaction could not promise its own commit,
    /// and the commit order (intent before remote write) depends on that promise.
    public func inTransaction(_ kind: TransactionKind = .immediate,
                              _ body: (Database) throws -> TransactionCompletion) throws {
        let connection = try openConnection()
        guard sqlite3_get_autocommit(connection) != 0 else { throw StoreError.nestedTransaction(path: path) }
        try execute("BEGIN \(kind.rawValue) TRANSACTION")
        let completion: TransactionCompletion
        do {
            completion = try body(self)
        } catch {
            rollbackIfActive(connection)
            throw error
        }
        switch completion {
        case .rollback:
            try rollback(connection)
        case .commit:
            // SQLite may already have rolled back by itself after an error the body
            // caught (https://www.sqlite.org/lang_transaction.html#response_to_errors_within_a_transaction).
            guard sqlite3_get_autocommit(connection) == 0 else {
                throw StoreError.transactionAborted(path: path)
            }
            do {
                try execute("COMMIT TRANSACTION")
            } catch {
                rollbackIfActive(connection)
                throw error
            }
        }
    }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool {
        connection.map { sqlite3_get_autocommit($0) == 0 } ?? false
    }

    private func rollback(_ connection: OpaquePointer) throws {
        guard sqlite3_get_autocommit(connection) == 0 else { return }
        try execute("ROLLBACK TRANSACTION")
    }

    /// Best-effort rollback while another error is already on its way to the caller.
    private func rollbackIfActive(_ connection: OpaquePointer) {
        guard sqlite3_get_autocommit(connection) == 0 else { return }
        if (try? execute("ROLLBACK TRANSACTION")) == nil {
            // Statements still running can make ROLLBACK fail; the raw call still ends it.
            sqlite3_exec(connection, "ROLLBACK TRANSACTION", nil, nil, nil)
        }
    }
}
