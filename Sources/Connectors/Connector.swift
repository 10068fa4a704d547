/// One remote API seen as "pull changes, write batches, look up by external id".
/// One file (or folder) per dialect implements it; the engine knows nothing else
/// about any API.
public protocol Connector: AnyObject, Sendable {
    var limits: ConnectorLimits { get }

    /// Streams changes since `request.since`, page by page, in modification order.
    /// `onPage` runs before the next page is fetched; a throw from it stops the pull.
    func pull(_ request: PullRequest, onPage: (ChangePage) throws -> Void) throws -> PullSummary

    /// Sends `batch` in as few requests as the API allows and returns one outcome
    /// per write, in any order. A throw means no outcome is known for any write
    /// (the engine then looks the records up before retrying).
    func write(_ batch: WriteBatch) throws -> [WriteOutcome]

    /// The records whose `externalIdField` holds one of `values`, keyed by that value:
    /// how an intent left pending by a crash is resolved without a second create.
    func lookup(object: String, externalIdField: String, values: [String]) throws -> [String: NativeRecord]

    /// Whether `lookup` can really filter `object` by `field` when it is not an external-id
    /// field (a match key unique on the remote, e.g. a deal reference): the engine then finds
    /// a create whose answer was lost by that value instead of giving it up. False unless a
    /// dialect says otherwise, since an API that ignores the filter would make every create
    /// look missing and be sent twice.
    func canLookUp(object: String, field: String) -> Bool

    /// Requests made and quota the remote reported, for status and metrics.
    func usage() -> APIUsage
}

extension Connector {
    public func canLookUp(object: String, field: String) -> Bool { false }
}

/// The API's own limits, which decide how many requests a sync costs.
public struct ConnectorLimits: Sendable, Hashable {
    public var maxPageSize: Int
    public var maxBatch: Int
    /// False for APIs without a modified-since filter: every pull is a full scan.
    public var incrementalPull: Bool
    /// True when `write` sends one request per record (no batch endpoint): the engine then
    /// hands it smaller batches, so outcomes are committed and a stop is honoured every few
    /// records instead of after `maxBatch` requests.
    public var oneRequestPerWrite: Bool

    public init(maxPageSize: Int, maxBatch: Int, incrementalPull: Bool = true, oneRequestPerWrite: Bool = false) {
        self.maxPageSize = maxPageSize
        self.maxBatch = maxBatch
        self.incrementalPull = incrementalPull
        self.oneRequestPerWrite = oneRequestPerWrite
    }
}

/// Requests made and the quota the remote last reported.
public struct APIUsage: Sendable, Hashable, Codable {
    public var requests: Int
    public var throttled: Int
    /// e.g. Salesforce `Sforce-Limit-Info: api-usage=USED/MAX`.
    public var quotaUsed: Int?
    public var quotaLimit: Int?

    public init(requests: Int = 0, throttled: Int = 0, quotaUsed: Int? = nil, quotaLimit: Int? = nil) {
        self.requests = requests
        self.throttled = throttled
        self.quotaUsed = quotaUsed
        self.quotaLimit = quotaLimit
    }

    public var quotaRemaining: Int? {
        guard let quotaUsed, let quotaLimit else { return nil }
        return max(0, quotaLimit - quotaUsed)
    }
}
