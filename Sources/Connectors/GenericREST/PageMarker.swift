/// Which page to ask for next, in the paging style's own terms.
enum PageMarker: Sendable, Hashable {
    case offset(Int)
    case page(Int)
    case cursor(String)
    /// A full URL on the remote's host.
    case link(String)
}
