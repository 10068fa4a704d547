/// Why a request was refused before sending. Never includes a header value.
struct InvalidRequestReason: Error, Sendable {
    let text: String
    init(_ text: String) { self.text = text }
}
