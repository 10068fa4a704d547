/// What the body of `inTransaction` asks for.
public enum TransactionCompletion: Sendable {
    case commit
    case rollback
}
