/// Why a query was refused; becomes `MALFORMED_QUERY` (or `INVALID_FIELD` /
/// `INVALID_TYPE`, which the Salesforce dialect decides after parsing).
struct SOQLError: Error, Sendable, Equatable {
    var message: String
    var column: Int
}
