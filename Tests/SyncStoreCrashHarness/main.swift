// syncstore-crash-harness: runs the real write protocol (SyncState) against a stand-in
// remote in a loop, for CrashTests to SIGKILL at random moments and restart.
//
//   syncstore-crash-harness --state FILE --remote FILE --seed N [--kill-at-step N]
//                           [--pages-this-run N] [--page-size N]
//
// Each run first resolves pending intents (looking the records up on the remote),
// then processes pages from the saved cursor: resend due failures, plan creates and
// updates, commit the intents, write to the remote, commit the outcomes, save the
// cursor. With --kill-at-step N it SIGKILLs itself at the Nth protocol step, so a
// kill point is replayable from the seed. With --pages-this-run N it stops after N
// pages once no failure is left to resend, and exits 0.
//
// A separate target rather than a hidden `channelsync` subcommand: the stand-in
// remote, the fault injection and the self-kill are test code and stay out of the
// shipped binary; what is under test, SyncState, is the same library either way.
import Foundation
import SyncCore
import SyncStore

struct Options {
    var statePath = ""
    var remotePath = ""
    var seed: UInt64 = 1
    var killAtStep: Int?
    var pagesThisRun = Int.max
    var pageSize = 6

    init(_ words: [String]) throws {
        var words = words[...]
        while let word = words.popFirst() {
            guard let value = words.popFirst() else { throw HarnessError("\(word) needs a value") }
            switch word {
            case "--state": statePath = value
            case "--remote": remotePath = value
            case "--seed": seed = UInt64(value) ?? 1
            case "--kill-at-step": killAtStep = Int(value)
            case "--pages-this-run": pagesThisRun = Int(value) ?? Int.max
            case "--page-size": pageSize = Int(value) ?? 6
            default: throw HarnessError("unknown option \(word)")
            }
        }
        guard !statePath.isEmpty, !remotePath.isEmpty else { throw HarnessError("--state and --remote are required") }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    try Harness(options).run()
    exit(0)
} catch {
    FileHandle.standardError.write(Data("syncstore-crash-harness: \(error)\n".utf8))
    exit(1)
}
