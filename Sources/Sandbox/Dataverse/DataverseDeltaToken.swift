/// A `$deltatoken`: the change-log position changes are reported after, and when the token
/// was issued (it expires). Shaped like Dataverse's `version!date`, opaque to clients.
struct DataverseDeltaToken: Sendable, Hashable {
    var position: Int64
    var issuedAt: Int64

    var encoded: String { "\(position)!\(issuedAt)" }

    init(position: Int64, issuedAt: Int64) {
        self.position = position
        self.issuedAt = issuedAt
    }

    init?(_ text: String) {
        let parts = text.split(separator: "!").map(String.init)
        guard parts.count == 2, let position = Int64(parts[0]), let issued = Int64(parts[1]) else { return nil }
        self.init(position: position, issuedAt: issued)
    }
}
