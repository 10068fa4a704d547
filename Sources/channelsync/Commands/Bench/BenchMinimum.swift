import Sandbox

/// The requests the APIs' own limits make unavoidable for a leg's data, per remote:
/// every pull costs at least one page, a page holds at most the dialect's page size,
/// a batch at most its batch size, and a one-record-per-request dialect pays per record.
/// Salesforce also needs one OAuth token request per run.
enum BenchMinimum {
    /// Page and batch limits of the sandbox dialects the benchmarks use (the vendors').
    static let salesforcePage = 2000, salesforceBatch = 200
    static let impartnerPage = 500
    static let genericPage = 100

    static func requests(_ work: [BenchWork]) -> [String: Int] {
        var minimum: [String: Int] = ["salesforce": 1]
        for item in work {
            minimum["salesforce", default: 0] += pages(item.crmPulled, salesforcePage)
                + batches(item.crmCreates, salesforceBatch) + batches(item.crmUpdates, salesforceBatch)
            let prm = item.mapping.prmRemote
            switch item.mapping.prmSystem {
            case .generic:
                // One record per request; an update is a PUT of the whole record, read first.
                minimum[prm, default: 0] += pages(item.prmPulled, genericPage) + item.prmCreates + 2 * item.prmUpdates
            default:
                // One record per request.
                minimum[prm, default: 0] += pages(item.prmPulled, impartnerPage) + item.prmCreates + item.prmUpdates
            }
        }
        return minimum
    }

    /// A pull delivering `records` costs this many pages (an empty pull still one).
    static func pages(_ records: Int, _ size: Int) -> Int { max(1, (records + size - 1) / size) }

    static func batches(_ records: Int, _ size: Int) -> Int { (records + size - 1) / size }

    /// The remote a sandbox system serves in the generated configs.
    static func remote(_ system: SandboxSystem) -> String? {
        switch system {
        case .salesforce: "salesforce"
        case .impartner: "partner-portal"
        case .generic: "partner-api"
        default: nil
        }
    }
}
