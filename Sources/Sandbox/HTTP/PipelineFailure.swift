/// Why the pipeline refuses a request before the handler runs, so each dialect can say
/// it in its own error shape.
enum PipelineFailure: Sendable {
    case notFound
    case methodNotAllowed
    /// A `.status` fault: the status to answer with.
    case injected(Int)
    /// A fault that could not be carried out (e.g. a late commit to an unknown object).
    case faultNotApplied(String)
}
