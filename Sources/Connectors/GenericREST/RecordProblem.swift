/// Why a response does not hold records the way the settings say.
struct RecordProblem: Error, Sendable {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
