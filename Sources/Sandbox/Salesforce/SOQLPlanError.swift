/// Why a parsed query does not fit the object: `INVALID_FIELD` or an order the sandbox
/// cannot serve.
enum SOQLPlanError: Error {
    case invalidField(SOQLField, object: String)
    case unsupportedOrder(SOQLField)
}
