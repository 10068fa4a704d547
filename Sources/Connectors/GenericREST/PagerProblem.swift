/// Why a list response's "next" marker cannot be followed.
struct PagerProblem: Error, Sendable {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
