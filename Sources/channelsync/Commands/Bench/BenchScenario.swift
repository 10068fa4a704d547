/// The workloads of `channelsync bench SCENARIO` (issue 8). `records` scales each one;
/// the defaults are the sizes.
enum BenchScenario: String, CaseIterable, Sendable {
    /// Opportunities and leads on the CRM, an empty PRM: the first sync. Run twice: to the
    /// PRM, then the reverse direction (records on the PRM, an empty CRM).
    case initial
    /// Linked records on both sides, 1% changed on each side (0.1% on both: conflicts).
    case steady
    /// Linked records, nothing changed.
    case idle
    /// The generic REST connector (no modified-since filter: a complete scan every
    /// cycle) against Salesforce, 1% of the REST records changed.
    case fullscan

    var defaultRecords: Int {
        switch self {
        case .initial: 100_000
        case .steady, .idle: 1_000_000
        case .fullscan: 200_000
        }
    }

    /// What `--records N` counts, for the help and the report.
    var recordsMeaning: String {
        switch self {
        case .initial: "records per object (opportunities and leads) on the side that has them"
        case .steady, .idle: "linked pairs"
        case .fullscan: "linked pairs (the REST side is scanned completely)"
        }
    }

    /// The runs measured: `initial` has two (one per direction), the others one.
    var legs: [BenchLeg] {
        switch self {
        case .initial: [.initialToPRM, .initialToCRM]
        case .steady: [.steady]
        case .idle: [.idle]
        case .fullscan: [.fullscan]
        }
    }
}

/// One measured daemon run (a cycle of every mapping the leg configures).
enum BenchLeg: String, Sendable {
    case initialToPRM = "initial (CRM to empty PRM)"
    case initialToCRM = "initial (PRM to empty CRM)"
    case steady
    case idle
    case fullscan

    /// The mappings the leg's config has.
    var mappings: [BenchMapping] {
        switch self {
        case .initialToPRM, .initialToCRM: [.deals, .leads]
        case .steady, .idle: [.deals]
        case .fullscan: [.restDeals]
        }
    }
}
