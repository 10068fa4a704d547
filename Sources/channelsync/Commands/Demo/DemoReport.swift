import Foundation
import Sandbox
import SyncCore
import SyncDaemon
import SyncStore

/// The end of the demo: what each mapping did, whether both systems agree, and the
/// ops commands (with this run's real paths) to see the rest in the journal.
struct DemoReport {
    let configuration: Configuration
    let directory: DemoDirectory
    let databasePath: String
    let sandbox: SandboxEnvironment
    let tallies: [String: DemoTally]
    let binary: String

    func print(story: Result<DemoStory.Result, DemoError>, stoppedCleanly: Bool, seconds: Double,
               console: Console) -> ExitStatus {
        var failure: DemoError?
        if case let .failure(error) = story { failure = error }
        console.out("")
        console.out(String(format: "Summary after %.1f s:", seconds))
        let state: SyncState
        do {
            state = try SyncState.openReadOnly(path: databasePath)
        } catch {
            console.err("channelsync demo: cannot read the state database \(databasePath): \(error)")
            return .failure
        }
        defer { try? state.close() }
        var problems: [String] = []
        var pairsChecked = 0, held = 0
        for mapping in configuration.mappings {
            let tally = tallies[mapping.name] ?? DemoTally()
            let status = (try? state.status(mapping: mapping.name, now: Int64(Date().timeIntervalSince1970 * 1000)))?.first
            let linked = status?.links[.active] ?? 0
            let decided = (try? decidedConflicts(mapping.name, state: state)) ?? 0
            var line = "  \(DemoProgress.padded(mapping.name))  \(linked) records linked"
            line += " · writes to CRM: " + Self.writes(tally.crm) + " · to portal: " + Self.writes(tally.prm)
            line += " · conflicts: \(decided) decided by rule, \(status?.openConflicts ?? 0) waiting for a person"
            line += " · failures: \(tally.problems + tally.failedCycles)"
            line += " · \(tally.cycles) cycles"
            console.out(line)
            guard let crm = store(mapping.crm.remote), let prm = store(mapping.prm.remote) else {
                problems.append("\(mapping.name): the sandbox has no stand-in for its remotes")
                continue
            }
            do {
                let check = try DemoCheck(mapping: mapping, crm: crm, prm: prm).run(state: state)
                problems += check.problems
                pairsChecked += check.pairs
                held += check.held
            } catch {
                problems.append("\(mapping.name): cannot read links: \(error)")
            }
        }
        // What each API served (the daemon's own per-cycle counts overlap when two
        // mappings' cycles share a remote at the same time).
        let requests = configuration.service.remotes.map { "\($0.name) \(store($0.name)?.totalRequests ?? 0)" }
        console.out("  API requests served: " + requests.joined(separator: ", "))
        if failure == nil, !problems.isEmpty { failure = .disagreement(problems) }
        if failure == nil {
            console.out("  Both systems agree on every mapped field of all \(pairsChecked) linked records"
                        + (held > 0 ? "; \(held) registration\(held == 1 ? "" : "s") held by the channel-conflict check, in no CRM, as it should be." : "."))
        }
        printCommands(story: try? story.get(), console: console)
        if let failure {
            console.err("channelsync demo: \(failure)")
            return .failure
        }
        guard stoppedCleanly else {
            console.err("channelsync demo: the daemon did not stop cleanly (see \(directory.logPath))")
            return .failure
        }
        return .success
    }

    private func printCommands(story: DemoStory.Result?, console: Console) {
        let config = "--config " + Self.quoted(directory.configPath)
        let cs = Self.quoted(binary)
        console.out("")
        console.out("Inspect what happened (everything stays in \(directory.path)):")
        console.out("  \(cs) status \(config)")
        console.out("  \(cs) journal \(config) --limit 30")
        if let story {
            console.out("  \(cs) show \(story.approvedOpportunity) \(config)    # the approved registration")
            console.out("  \(cs) conflicts \(config)    # the duplicate registration \(story.duplicateRegistration)")
            console.out("  \(cs) journal \(config) --op route --record \(story.reroutedLead) --wide    # the lead re-routed after its SLA")
            console.out("  \(cs) journal \(config) --record \(story.conflictOpportunity)    # the conflict and its rule")
            console.out("  \(cs) show \(story.conflictOpportunity) \(config)")
            console.out("  \(cs) journal \(config) --record \(story.deletedLead)    # the delete")
        } else {
            console.out("  \(cs) conflicts \(config)")
        }
        console.out("  \(cs) failures \(config)")
    }

    /// Decisions where a field policy (`crm`, `prm`, `newest`) settled a conflict
    /// (intents and decisions, not the outcome rows that repeat their rule).
    private func decidedConflicts(_ mapping: String, state: SyncState) throws -> Int {
        try state.journal(JournalQuery(mapping: mapping, limit: 1_000_000))
            .filter { $0.intentSeq == nil && $0.rule?.hasPrefix("policy.") == true }.count
    }

    private func store(_ remote: String) -> SandboxStore? {
        configuration.service.remotes.first(where: { $0.name == remote }).map { sandbox.store(SandboxSystem(dialect: $0.dialect)) }
    }

    private static func writes(_ counts: CycleSummary.SideCounts) -> String {
        let text = DemoProgress.describe(counts)
        return text.isEmpty ? "none" : text
    }

    /// A path as a shell word: bare when it has only safe characters, else single-quoted.
    static func quoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+:,@%=".unicodeScalars.contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
