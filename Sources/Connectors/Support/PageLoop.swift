/// Follows a remote's "next page" markers (a `nextRecordsUrl`, an `after` cursor, an
/// offset) until there are none, and refuses to loop: a marker served twice is a remote
/// bug that would otherwise page forever.
enum PageLoop {
    /// Calls `page` with nil first, then with each marker it returns, until it returns
    /// nil. Returns the number of pages read. Rethrows whatever `page` throws (a
    /// connector's error, or the engine's from its page handler).
    @discardableResult
    static func run<Marker: Hashable>(
        remote: String, endpoint: String, from first: Marker? = nil,
        _ page: (Marker?) throws -> Marker?
    ) throws -> Int {
        var seen = Set<Marker>()
        var marker = first
        var pages = 0
        while true {
            let next = try page(marker)
            pages += 1
            guard let next else { return pages }
            guard seen.insert(next).inserted else {
                throw ConnectorError.pagingStalled(remote: remote, endpoint: endpoint, detail: "the remote returned the same next-page marker twice (after \(pages) pages)")
            }
            marker = next
        }
    }
}
