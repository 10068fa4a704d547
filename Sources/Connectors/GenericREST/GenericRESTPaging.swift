/// How one list response leads to the next. Every style stops when its "next" marker is
/// absent, `null`, `false` or empty; the offset and page styles without a marker stop at
/// the reported total, or at a page shorter than asked for.
enum GenericRESTPaging: Sendable, Hashable {
    /// `?offset=0&limit=100`, then `offset=100`, … `next` may hold the next offset.
    /// `overlapCheck` asks each later page from one record earlier, so it must share a
    /// record with the previous page: if it shares none, the list shifted under the scan (a
    /// delete moves every later record down one offset, and one would go unseen) and the
    /// scan is read again. Costs one record per page, sometimes one more request.
    case offset(offsetParam: String, limitParam: String?, pageSize: Int, next: ResponsePath?, total: ResponsePath?,
                overlapCheck: Bool)
    /// `?page=1&per_page=100`, then `page=2`, … `next` may hold the next page number
    /// (or `true`).
    case page(pageParam: String, sizeParam: String?, pageSize: Int, firstPage: Int, next: ResponsePath?,
              total: ResponsePath?)
    /// The body's `next` cursor is sent back as `cursorParam`; `hasMore` (when set) must be
    /// true to go on.
    case cursor(cursorParam: String, limitParam: String?, pageSize: Int, next: ResponsePath, hasMore: ResponsePath?)
    /// The body's `next` holds the URL of the next page (absolute or relative to the base
    /// URL; always on the base URL's host).
    case nextLink(limitParam: String?, pageSize: Int, next: ResponsePath)
    /// RFC 8288 `Link: <…>; rel="next"` response headers.
    case linkHeader(limitParam: String?, pageSize: Int)
    /// One request returns everything.
    case none

    static let styles = ["offset", "page", "cursor", "nextLink", "linkHeader", "none"]

    /// Records per page: sent as the limit parameter when there is one, and in any case
    /// how a short (last) page is recognised. Nil for `.none`.
    var pageSize: Int? {
        switch self {
        case .offset(_, _, let size, _, _, _), .page(_, _, let size, _, _, _), .cursor(_, _, let size, _, _),
            .nextLink(_, let size, _), .linkHeader(_, let size):
            size
        case .none:
            nil
        }
    }
}
