/// A request refused part-way through a handler, carrying the dialect's error response.
/// (Handlers throw it from helpers and answer with it at the top.)
struct Refusal: Error {
    let response: SandboxResponse

    init(_ response: SandboxResponse) {
        self.response = response
    }
}
