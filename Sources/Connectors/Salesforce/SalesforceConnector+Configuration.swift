extension SalesforceConnector {
    /// How to reach one Salesforce org. Holds credential *names*, never secrets.
    public struct Configuration: Sendable, Hashable {
        /// Where tokens are minted: the org's My Domain URL
        /// (`https://acme.my.salesforce.com`, required by the client-credentials flow) or
        /// `https://login.salesforce.com` for the refresh-token flow. API calls go to the
        /// `instance_url` the token endpoint returns.
        public var loginURL: String
        /// `vNN.N`; sObject Collections upsert needs 46.0 or later.
        public var apiVersion: String
        public var grant: Grant
        public var credentialNames: CredentialNames
        /// Rows per query page, 200–2,000 (sent as `Sforce-Query-Options: batchSize` when
        /// below 2,000).
        public var pageSize: Int
        /// The share of the daily API allocation left to other users.
        public var quotaReserve: QuotaReserve
        /// Read `sobjects/{T}/deleted/` on incremental pulls (one request per pull and
        /// object) to catch deletes purged from the recycle bin between pulls.
        public var readsDeleteFeed: Bool
        /// The delete feed is read when it was last read up to longer ago than this (epoch
        /// ms; 0: on every incremental pull). Soft deletes arrive with `queryAll`'s
        /// `IsDeleted` rows anyway; the feed only adds records purged from the recycle bin,
        /// so an idle cycle need not spend a request on it every time (issue 8: an idle
        /// cycle costs one pull request per side).
        public var deleteFeedIntervalMillis: Int64
        /// Most `(id, modstamp)` pairs a cursor remembers for the overlap window.
        public var overlapMemory: Int

        public init(
            loginURL: String, apiVersion: String = "v62.0", grant: Grant = .clientCredentials,
            credentialNames: CredentialNames = CredentialNames(), pageSize: Int = 2000,
            quotaReserve: QuotaReserve = .standard, readsDeleteFeed: Bool = true, overlapMemory: Int = 10_000,
            deleteFeedIntervalMillis: Int64 = 0
        ) {
            self.deleteFeedIntervalMillis = deleteFeedIntervalMillis
            self.loginURL = loginURL
            self.apiVersion = apiVersion
            self.grant = grant
            self.credentialNames = credentialNames
            self.pageSize = pageSize
            self.quotaReserve = quotaReserve
            self.readsDeleteFeed = readsDeleteFeed
            self.overlapMemory = overlapMemory
        }

        /// The OAuth 2.0 flow used to mint access tokens.
        public enum Grant: String, Sendable, Hashable, Codable {
            /// `grant_type=client_credentials` with the connected app's id and secret, run
            /// as the app's integration user.
            case clientCredentials
            /// `grant_type=refresh_token` with a refresh token issued to a user earlier.
            case refreshToken
        }

        /// Names of the credentials (files in `$CREDENTIALS_DIRECTORY`).
        public struct CredentialNames: Sendable, Hashable {
            public var clientID: String
            public var clientSecret: String
            public var refreshToken: String

            public init(clientID: String = "salesforce-client-id", clientSecret: String = "salesforce-client-secret",
                        refreshToken: String = "salesforce-refresh-token") {
                self.clientID = clientID
                self.clientSecret = clientSecret
                self.refreshToken = refreshToken
            }
        }

        /// Why these settings cannot work, or nil.
        var problem: String? {
            let lower = loginURL.lowercased()
            if !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) || loginURL.contains(where: \.isWhitespace) {
                return "loginURL must be an http(s) URL without spaces, got '\(loginURL)'"
            }
            let version = apiVersion.dropFirst()
            let parts = version.split(separator: ".", omittingEmptySubsequences: false)
            guard apiVersion.hasPrefix("v"), parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                let major = Int(parts[0]), major >= 46
            else {
                return "apiVersion must look like v62.0 and be at least v46.0 (sObject Collections upsert), got '\(apiVersion)'"
            }
            if !(200...2000).contains(pageSize) { return "pageSize must be 200 to 2000, got \(pageSize)" }
            if overlapMemory < 0 { return "overlapMemory must not be negative, got \(overlapMemory)" }
            return nil
        }
    }
}
