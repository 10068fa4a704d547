extension HubSpotConnector {
    /// Where the next search page starts: a window (lower bound on the timestamp) and
    /// the `after` offset within it.
    struct SearchMarker: Hashable {
        var windowStart: Int64?
        var after: Int64?
    }
}
