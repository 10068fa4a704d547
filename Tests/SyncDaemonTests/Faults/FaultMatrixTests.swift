import Foundation
import Testing
import Connectors
import Sandbox
import SyncCore
import SyncStore
@testable import SyncDaemon

/// Issue 9, the fault matrix: for every remote and every fault, the real cycle code with
/// the real connectors against the in-process sandbox. Seed both sides, inject the fault,
/// run cycles, clear it, run until quiet, then `ConvergenceCheck`: nothing lost, nothing
/// duplicated, and every failure journaled with the remote's own words.
@Suite("Fault matrix: each remote × each fault converges once the fault clears")
struct FaultMatrixTests {
    @Test("converges, nothing lost or duplicated, failures journaled verbatim",
          arguments: FaultTarget.all, FaultCase.all)
    func matrix(target: FaultTarget, fault: FaultCase) throws {
        guard fault.applies(to: target) else { return }
        if let known = fault.knownIssues[target.label] {
            withKnownIssue(Comment(rawValue: known)) { try Self.run(target: target, fault: fault) }
        } else {
            try Self.run(target: target, fault: fault)
        }
    }

    static func run(target: FaultTarget, fault: FaultCase) throws {
        let drill = try FaultDrill(target: target, shortTimeout: {
            if case .fault(.delay) = fault.kind { return true }
            return false
        }())
        try drill.seed()
        let during = try drill.inject(fault)
        let after = try drill.settle()
        #expect(after.quiet, "\(target) × \(fault): no quiet cycle; last errors \(after.errors)")
        let problems = try ConvergenceCheck(world: drill.world, target: target, seeded: drill.seeded,
                                            excused: drill.excused).problems()
        #expect(problems.isEmpty, "\(target) × \(fault): \(problems)")
        if let deleted = drill.deletedCRM {
            // Only the complete scan can have seen it: the link no longer pairs it as active.
            let links = try drill.world.state.links(mapping: target.mapping, side: .crm, recordID: deleted)
            #expect(!links.isEmpty && links.allSatisfy { $0.status != .active },
                    "\(target) × \(fault): the purged delete was not found: \(links)")
        }
        let texts = try ConvergenceCheck.failureTexts(drill.world, mapping: target.mapping)
        switch fault.expectation(for: target) {
        case .absorbed:
            break
        case .anyFailure:
            #expect(!texts.isEmpty, "\(target) × \(fault): nothing journaled (errors thrown: \(during))")
        case let .text(text):
            #expect(texts.contains { $0.contains(text) }, "\(target) × \(fault): no '\(text)' in \(texts)")
        case let .remoteText(status):
            let text = try #require(target.messages[status], "no message for \(status)")
            #expect(texts.contains { $0.contains(text) }, "\(target) × \(fault): no '\(text)' in \(texts)")
        }
    }
}
