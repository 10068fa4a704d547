/// A request matched to a route, with what the fault plan attached to it.
struct RequestContext: Sendable {
    let request: HTTPServerRequest
    let parameters: [String: String]
    let route: String
    /// Set when a `.partialBatchFailure` fault applies to this request.
    let batchFailure: BatchFailureSelector?

    func parameter(_ name: String) -> String { parameters[name] ?? "" }
}
