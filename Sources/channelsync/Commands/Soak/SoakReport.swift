import Foundation
import Sandbox
import SyncCore

/// The figures a soak prints at the end, passed or not.
struct SoakReport {
    let seed: UInt64
    let seconds: Double
    let run: SoakRun
    let sandbox: SandboxEnvironment
    let configuration: Configuration
    let directory: String

    func print(figures: SoakAudit.Figures?, console: Console) {
        let passed = figures?.problems.isEmpty == true
        console.out("")
        console.out("Soak \(passed ? "passed" : "FAILED") after \(Self.duration(seconds)) (seed \(seed)):")
        console.out("  kills           \(run.kills) SIGKILLs (\(run.midWriteKills) the moment the sandbox committed a daemon write, "
                    + "\(run.kills - run.midWriteKills) at random times), \(run.starts) daemon starts")
        if let figures {
            console.out("  cycles          \(figures.cycles) (\(figures.interruptedCycles) cut short by a kill)")
        }
        let kinds = run.edits.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        console.out("  user edits      \(run.edits.total) (\(kinds))")
        for remote in configuration.service.remotes {
            guard let system = SandboxSystem(rawValue: remote.dialect == .rest ? "generic" : remote.dialect.rawValue) else { continue }
            let log = sandbox.store(system).writeLog.filter { $0.outcome == .applied }
            let byOperation = Dictionary(grouping: log, by: \.operation).map { "\($0.key.rawValue) \($0.value.count)" }.sorted()
            console.out("  sandbox writes  \(remote.name): \(log.count) (\(byOperation.joined(separator: ", ")))")
        }
        if let figures {
            console.out("  journal         \(figures.journalWrites) writes, \(figures.appliedWrites) applied; "
                        + "\(figures.settledAfterKill) left without an outcome by a kill and settled at the next start "
                        + "(\(figures.settledFound) found on the remote, the rest sent again)")
        }
        var records: [String] = []
        for mapping in configuration.mappings {
            for side in Side.allCases {
                let binding = mapping.binding(side)
                guard let remote = configuration.service.remotes.first(where: { $0.name == binding.remote }),
                      let system = SandboxSystem(rawValue: remote.dialect == .rest ? "generic" : remote.dialect.rawValue) else { continue }
                records.append("\(remote.name) \(binding.object) \(sandbox.store(system).count(binding.object))")
            }
        }
        console.out("  records         \(records.joined(separator: ", "))\(figures.map { "; \($0.linkedPairs) linked pairs checked" } ?? "")")
        if passed {
            console.out("  checks          both systems agree on every mapped field of every linked record; no duplicate creates; "
                        + "the journal accounts for every sandbox write; no write without an outcome")
        }
        console.out("  directory       \(directory) (daemon.log, state/channelsync.sqlite)")
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60) min \(whole % 60) s" : "\(whole) s"
    }
}
