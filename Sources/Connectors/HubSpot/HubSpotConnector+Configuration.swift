extension HubSpotConnector {
    /// How to reach one HubSpot account. Holds credential *names*, never secrets.
    public struct Configuration: Sendable, Hashable {
        /// `https://api.hubapi.com`.
        public var baseURL: String
        public var authentication: Authentication
        /// Search page size, 1–200.
        public var pageSize: Int
        /// Results one search can page through (HubSpot: 10,000); a new search window
        /// starts from the last `hs_lastmodifieddate` seen before paging would reach it.
        public var searchResultCap: Int
        /// The share of the daily request limit left to other apps.
        public var quotaReserve: QuotaReserve
        /// List archived records on incremental pulls (`GET /crm/v3/objects/{T}?archived=true`,
        /// 100 a page) to report deletes; search never returns archived records.
        public var readsArchived: Bool
        /// Read the archived list at most this often (ms since the deletes were last
        /// covered, by the connector's clock): the list cannot be filtered by time, so each
        /// read costs `ceil(A / 100)` requests for the A archived records HubSpot keeps.
        /// 0 reads it on every incremental pull.
        public var archivedListIntervalMillis: Int64
        /// Most `(id, modstamp)` pairs a cursor remembers for the overlap window.
        public var overlapMemory: Int
        /// An OAuth token is refreshed this long before it expires (HubSpot: a 401 is not
        /// the signal to refresh).
        public var refreshMarginMillis: Int64

        public init(
            baseURL: String = "https://api.hubapi.com", authentication: Authentication = .privateApp(),
            pageSize: Int = 200, searchResultCap: Int = 10_000, quotaReserve: QuotaReserve = .standard,
            readsArchived: Bool = true, archivedListIntervalMillis: Int64 = 0, overlapMemory: Int = 10_000,
            refreshMarginMillis: Int64 = 300_000
        ) {
            self.baseURL = baseURL
            self.authentication = authentication
            self.pageSize = pageSize
            self.searchResultCap = searchResultCap
            self.quotaReserve = quotaReserve
            self.readsArchived = readsArchived
            self.archivedListIntervalMillis = archivedListIntervalMillis
            self.overlapMemory = overlapMemory
            self.refreshMarginMillis = refreshMarginMillis
        }

        public enum Authentication: Sendable, Hashable {
            /// A private app's access token (never expires), by credential name.
            case privateApp(tokenCredential: String = "hubspot-private-app-token")
            /// OAuth: the refresh token is exchanged at `/oauth/v1/token` for access tokens
            /// that live `expires_in` seconds.
            case oauth(OAuthCredentialNames = OAuthCredentialNames())
        }

        public struct OAuthCredentialNames: Sendable, Hashable {
            public var clientID: String
            public var clientSecret: String
            public var refreshToken: String

            public init(clientID: String = "hubspot-client-id", clientSecret: String = "hubspot-client-secret",
                        refreshToken: String = "hubspot-refresh-token") {
                self.clientID = clientID
                self.clientSecret = clientSecret
                self.refreshToken = refreshToken
            }
        }

        var problem: String? {
            let lower = baseURL.lowercased()
            if !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) || baseURL.contains(where: \.isWhitespace) {
                return "baseURL must be an http(s) URL without spaces, got '\(baseURL)'"
            }
            if !(1...200).contains(pageSize) { return "pageSize must be 1 to 200, got \(pageSize)" }
            if searchResultCap < pageSize { return "searchResultCap (\(searchResultCap)) must be at least pageSize (\(pageSize))" }
            if overlapMemory < 0 { return "overlapMemory must not be negative, got \(overlapMemory)" }
            if refreshMarginMillis < 0 { return "refreshMarginMillis must not be negative" }
            if archivedListIntervalMillis < 0 { return "archivedListIntervalMillis must not be negative" }
            return nil
        }
    }
}
