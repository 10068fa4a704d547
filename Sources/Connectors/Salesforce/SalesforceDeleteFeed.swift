/// What `GET sobjects/{T}/deleted/?start=&end=` said.
enum SalesforceDeleteFeed {
    /// Deletes in the window (id → deletion time) and how far the feed is complete.
    case window(deleted: [String: Int64], latestCovered: Int64)
    /// The delete log no longer reaches back to the cursor (`earliestDateAvailable` after
    /// the start, or a start the API refuses): deletes were lost, scan everything.
    case purged(latestCovered: Int64?)
}
