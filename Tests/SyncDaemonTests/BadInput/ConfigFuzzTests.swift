import Foundation
import Testing
import Connectors
import SyncCore
@testable import SyncDaemon

/// Issue 9 item 3: the shipped configs, damaged one file at a time, through the whole
/// load the daemon does at start and on reload — `ConfigLoader.load` (service file, then
/// every mapping file it lists) and, when that passes, building every remote's connector
/// (dialect options are checked there). Each load must give a `Configuration` or errors
/// that name the file (with line:column when the damage is syntactic) and stay short;
/// building connectors must succeed or throw a `CycleError` naming the remote.
///
/// Replay with `CHANNELSYNC_FUZZ_SEED=<seed>`; `CHANNELSYNC_FUZZ_ITERATIONS=<n>` runs more
/// (CI runs 400).
@Suite("Bad input: damaged config files")
struct ConfigFuzzTests {
    static let serviceFiles = ["channelsync.json5"] + ((try? FileManager.default.contentsOfDirectory(
        atPath: CycleWorld.configDirectory + "/examples")) ?? []).filter { $0.hasSuffix(".json5") }.sorted().map { "examples/" + $0 }

    @Test func damagedConfigFilesGiveErrorsNamingTheFileAndNeverCrash() throws {
        let seed = FuzzRandom.runSeed
        let iterations = FuzzRandom.iterations(standard: 400)
        print("ConfigFuzzTests: seed \(seed), \(iterations) iterations (replay: CHANNELSYNC_FUZZ_SEED=\(seed))")
        #expect(Self.serviceFiles.count >= 8)
        var rejected = 0, loaded = 0, syntax = 0
        for iteration in 0..<iterations {
            var random = FuzzRandom(seed: FuzzRandom.itemSeed(run: seed, index: iteration))
            let service = CycleWorld.configDirectory + "/" + Self.serviceFiles[random.below(Self.serviceFiles.count)]
            var files = try Self.files(of: service)
            let target = files.keys.sorted()[random.below(files.count)]
            var mutations: [BodyMutation] = []
            for _ in 0...(random.chance(0.2) ? 1 : 0) {
                let mutation = BodyMutation.random(using: &random)
                mutations.append(mutation)
                files[target] = mutation.apply(to: files[target] ?? [], using: &random)
            }
            let what = "seed \(seed) (CHANNELSYNC_FUZZ_SEED), iteration \(iteration): \(mutations) in \(target)"
            var asked: Set<String> = []
            let result = ConfigLoader.load(path: service) { path in
                asked.insert(path)
                return files[path].map { .success($0) } ?? .failure(.notFound)
            }
            switch result {
            case let .failure(errors):
                rejected += 1
                #expect(!errors.errors.isEmpty, "\(what): a failure without errors")
                for error in errors.errors {
                    let text = error.description
                    #expect(text.hasPrefix(error.file), "\(what): \(text)")
                    #expect(asked.contains(error.file), "\(what): names a file it did not read: \(error.file)")
                    #expect(!error.message.isEmpty, "\(what): \(text)")
                    #expect(text.count < 2_000, "\(what): an error of \(text.count) characters")
                    if case .syntax = error.problem, error.position != nil { syntax += 1 }
                }
            case let .success(configuration):
                loaded += 1
                do {
                    _ = try ConnectorSet(remotes: configuration.service.remotes, credentials: .fixed(CycleWorld.secrets))
                } catch {
                    #expect(!error.description.isEmpty, "\(what)")
                    #expect(configuration.service.remotes.contains { error.description.contains($0.name) },
                            "\(what): the error names no remote: \(error)")
                }
            }
        }
        print("ConfigFuzzTests: \(rejected) rejected (\(syntax) syntax errors with a position), \(loaded) loaded")
        #expect(rejected > iterations / 2 && syntax > 0)
    }

    /// The service file at `path` and every mapping file it lists, as bytes by path.
    static func files(of path: String) throws -> [String: [UInt8]] {
        guard let service = FileManager.default.contents(atPath: path) else { throw TestFailure("cannot read \(path)") }
        var files = [path: [UInt8](service)]
        let configuration = try ConfigLoader.load(path: path) { name in
            guard let data = FileManager.default.contents(atPath: name) else { return .failure(.notFound) }
            return .success([UInt8](data))
        }.get()
        for file in configuration.mappingFiles {
            guard let data = FileManager.default.contents(atPath: file) else { throw TestFailure("cannot read \(file)") }
            files[file] = [UInt8](data)
        }
        return files
    }
}
