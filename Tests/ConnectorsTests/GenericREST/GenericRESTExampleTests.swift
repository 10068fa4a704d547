import Foundation
import Testing
import Sandbox
import SyncCore
@testable import Connectors

/// The shipped example, config/examples/generic-rest.json5: it loads, its options are
/// valid, and a connector built from it works against the awkward stand-in it describes.
@Suite("Generic REST example config")
struct GenericRESTExampleTests {
    static let examplePath: String = {
        // Tests/ConnectorsTests/GenericREST/<this file> → the package root.
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("config/examples/generic-rest.json5").path
    }()

    static func load() throws -> Configuration {
        let result = ConfigLoader.load(path: examplePath) { path in
            guard let data = FileManager.default.contents(atPath: path) else { return .failure(.notFound) }
            return .success([UInt8](data))
        }
        return try result.get()
    }

    @Test("it loads and its rest options validate")
    func validates() throws {
        let configuration = try Self.load()
        let rest = configuration.service.remotes.filter { $0.dialect == .rest }
        #expect(rest.count == 1)
        for remote in rest {
            #expect(GenericRESTOptions.validate(remote.options) == [])
        }
    }

    @Test("a connector built from it reads, creates and updates on the stand-in")
    func worksAgainstTheStandIn() throws {
        let configuration = try Self.load()
        let example = try #require(configuration.service.remotes.first { $0.dialect == .rest })
        let mapping = try #require(configuration.mappings.first)
        let clock = ManualClock()
        let api = GenericAPI(clock: .manual(clock))
        let loopback = try PRMLoopback(api)
        let sleeps = RecordedSleeps()
        let remote = try PRMRemote(name: example.name, dialect: .rest, baseURL: loopback.baseURL, auth: example.auth,
                                   options: example.options, secrets: ["partner-api-key": "generic-sandbox-key"],
                                   sleeps: sleeps)
        let connector = try GenericRESTConnector(remote: remote.remote, client: remote.client, credentials: remote.credentials,
                                                 clock: .manual(clock))
        let seeded = try api.store.seed(mapping.prm.object, records: (0..<150).map { index in
            ["title": .string("Deal \(index)"), "reference": .string("REF-\(index)"), "status": .string(index % 2 == 0 ? "open" : "won")]
        })
        let (pages, summary) = try pullAll(connector, object: mapping.prm.object, since: nil)
        #expect(Set(pages.records.map(\.id)) == Set(seeded.map(\.id)))
        #expect(summary.completeScan)
        let outcomes = try connector.write(WriteBatch(object: mapping.prm.object, externalIdField: nil, writes: [
            RecordWrite(key: "new", operation: .create, fields: .object(["title": .string("New"), "reference": .string("REF-new")])),
            RecordWrite(key: "edit", operation: .update, id: seeded[0].id, fields: .object(["status": .string("lost")])),
        ]))
        let id = try #require(outcomes[key: "new"]?.appliedID)
        #expect(api.store.record("deals", id: id)?.fields["reference"] == .string("REF-new"))
        #expect(outcomes[key: "edit"]?.appliedID == seeded[0].id)
        #expect(api.store.record("deals", id: seeded[0].id)?.fields["title"] == .string("Deal 0"))
        // `objects.deals.lookup.param`: the list filters by the unique reference, so a create
        // whose answer was lost is found by its match key (the record is past the first page).
        #expect(connector.canLookUp(object: "deals", field: "reference"))
        #expect(!connector.canLookUp(object: "deals", field: "title"), "the parameter filters the reference, not the title")
        let found = try connector.lookup(object: "deals", externalIdField: "reference", values: ["REF-120", "REF-none"])
        #expect(found.count == 1 && found["REF-120"]?.id == seeded[120].id, "\(found)")
    }
}
