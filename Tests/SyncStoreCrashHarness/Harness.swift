import Foundation
import SyncCore
import SyncStore

/// One run of the write protocol loop; see main.swift.
final class Harness {
    static let mapping = "deals"

    let options: Options
    var step = 0

    init(_ options: Options) {
        self.options = options
    }

    /// A protocol step: the place a replayable kill happens.
    func checkpoint() {
        step += 1
        if step == options.killAtStep { kill(getpid(), SIGKILL) }
    }

    func run() throws {
        let state = try SyncState.open(path: options.statePath)
        let remote = try StandInRemote(path: options.remotePath)
        defer {
            remote.close()
            try? state.close()
        }
        checkpoint()
        try resolvePending(state, remote)
        var pagesDone = 0
        while true {
            let page = try currentPage(state)
            let due = try state.dueRetries(mapping: Self.mapping)
            if pagesDone >= options.pagesThisRun, due.isEmpty { return }
            try process(page: page, retries: due, state, remote)
            pagesDone += 1
        }
    }

    /// The next page to process: the saved cursor.
    func currentPage(_ state: SyncState) throws -> Int {
        guard let cursor = try state.cursor(mapping: Self.mapping, side: .crm),
              case let .object(members)? = try? JSONParser().parse(cursor.value),
              case let .number(page)? = members["page"], let value = Int(page.description) else { return 0 }
        return value
    }

    /// Start-up (and lost responses): look every pending write up on the remote.
    func resolvePending(_ state: SyncState, _ remote: StandInRemote, atStartUp: Bool = true) throws {
        try state.resolvePending(mapping: Self.mapping, atStartUp: atStartUp) { writes in
            var resolutions: [Int64: PendingResolution] = [:]
            for write in writes {
                guard let externalID = write.externalID else {
                    resolutions[write.id] = .unknown(reason: "no external id")
                    continue
                }
                let version = Self.version(of: write.payload)
                switch (write.operation, try remote.lookup(externalID: externalID)) {
                case let (.create, found?):
                    resolutions[write.id] = .applied(remoteID: found.id)
                case let (.update, found?) where found.version >= version:
                    resolutions[write.id] = .applied(remoteID: found.id)
                default:
                    resolutions[write.id] = .notApplied
                }
            }
            checkpoint()
            return resolutions
        }
        checkpoint()
    }

    /// The records a page touches: new ones, and a few earlier ones again.
    func touched(page: Int) -> [Int] {
        let size = options.pageSize
        var records = Array(page * size..<(page + 1) * size)
        if page > 0 {
            var random = Mix(seed: options.seed &+ UInt64(page) &* 7_919)
            for _ in 0..<2 { records.append(Int(random.next() % UInt64(page * size))) }
        }
        return records
    }

    func process(page: Int, retries: [FailureRecord], _ state: SyncState, _ remote: StandInRemote) throws {
        let cycle = try state.openCycle(mapping: Self.mapping)
        checkpoint()
        var batch = PlanBatch()
        for failure in retries {
            var intent = IntentDraft.resend(failure)
            intent.entries[0].detail = "page=\(page) resend"
            batch.intents.append(intent)
        }
        let resent = Set(retries.compactMap(\.linkID))
        for record in touched(page: page) {
            let crmID = "S\(record)"
            let linkID = "L\(record)"
            let version = page + 1
            let payload = #"{"page":\#(page),"version":\#(version)}"#
            let entry = { (operation: String) in
                JournalDraft(mapping: Self.mapping, crmID: crmID, direction: .toPRM, operation: operation,
                             rule: operation == "create" ? "create" : "propagate.crm", detail: "page=\(page)")
            }
            if let link = try state.link(id: linkID) {
                // Not created yet (its create is being retried): the retry carries it.
                guard let prmID = link.prmID, !resent.contains(linkID),
                      !batch.intents.contains(where: { $0.linkID == linkID }) else { continue }
                batch.intents.append(IntentDraft(mapping: Self.mapping, linkID: linkID,
                                                 write: WriteDraft(side: .prm, operation: .update, recordID: prmID,
                                                                   externalID: crmID, payload: payload),
                                                 entries: [entry("update")]))
            } else if !batch.links.contains(where: { $0.id == linkID }) {
                batch.links.append(LinkRecord(id: linkID, mapping: Self.mapping, crmID: crmID, prmID: nil, status: .active))
                batch.intents.append(IntentDraft(mapping: Self.mapping, linkID: linkID,
                                                 write: WriteDraft(side: .prm, operation: .create, externalID: crmID,
                                                                   payload: payload),
                                                 entries: [entry("create")]))
            }
        }
        let receipt = try state.recordPlan(batch, cycle: cycle)
        checkpoint()

        var outcomes: [OutcomeDraft] = []
        var lost = false
        for (intent, ticket) in zip(batch.intents, receipt.tickets) {
            let write = intent.write
            let version = Self.version(of: write.payload)
            let roll = Mix(seed: options.seed ^ UInt64(bitPattern: ticket.writeID) &* 31).peek() % 100
            let attempt = try state.write(id: ticket.writeID)?.attempt ?? 1
            if roll < 12, attempt < 3 {
                // Refused, nothing changed remotely: retried next page.
                outcomes.append(OutcomeDraft(writeID: ticket.writeID, status: .failed,
                                             refusal: RemoteRefusal(httpStatus: 503, code: "UNAVAILABLE", message: "try again")))
                continue
            }
            let remoteID: String
            if write.operation == .create {
                remoteID = try remote.create(externalID: write.externalID ?? "", version: version, writeID: ticket.writeID)
            } else {
                remoteID = write.recordID ?? ""
                try remote.update(recordID: remoteID, externalID: write.externalID ?? "", version: version, writeID: ticket.writeID)
            }
            checkpoint()
            if roll < 18 {
                lost = true  // accepted, but the response never arrived: resolved by lookup
                continue
            }
            outcomes.append(.applied(ticket.writeID, remoteID: remoteID))
        }
        try state.recordOutcomes(OutcomeBatch(outcomes: outcomes), cycle: cycle)
        checkpoint()
        if lost { try resolvePending(state, remote, atStartUp: false) }
        try state.saveCursor(mapping: Self.mapping, side: .crm, value: #"{"page":\#(page + 1)}"#, highWater: Int64(page + 1))
        checkpoint()
        try state.closeCycle(cycle, result: outcomes.count == batch.intents.count ? .ok : .partial)
        checkpoint()
    }

    static func version(of payload: String) -> Int {
        guard case let .object(members)? = try? JSONParser().parse(payload), case let .number(version)? = members["version"] else {
            return 0
        }
        return Int(version.description) ?? 0
    }
}

/// SplitMix64, for reproducible choices.
struct Mix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    func peek() -> UInt64 {
        var copy = self
        return copy.next()
    }
}
