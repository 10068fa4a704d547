import Foundation
import Sandbox
import SyncCore
@testable import SyncDaemon

/// One remote of each dialect as its shipped example config describes it, pointed at a
/// `MutatingSandbox`: the deals object its mapping syncs, the native fields a pull asks
/// for, the external-id field, and a record a user would create there.
struct FuzzRemote: Sendable, CustomStringConvertible {
    var remote: Remote
    var system: SandboxSystem
    var object: String
    var fields: [String]
    var externalIdField: String?
    var titleField: String
    var record: [String: JSONValue]

    var description: String { remote.name }

    /// The example's loopback port of each system.
    static let ports: [String: SandboxSystem] = [
        "http://127.0.0.1:8443": .salesforce, "http://127.0.0.1:8444": .hubspot, "http://127.0.0.1:8445": .impartner,
        "http://127.0.0.1:8446": .partnerstack, "http://127.0.0.1:8447": .generic, "http://127.0.0.1:8448": .pipedrive,
        "http://127.0.0.1:8449": .zoho, "http://127.0.0.1:8450": .dataverse,
    ]

    /// Per dialect: the example that has it, its sandbox system, deals object, title field
    /// and a record.
    static let dialects: [(RemoteDialect, file: String, SandboxSystem, object: String, title: String, [String: JSONValue])] = [
        (.salesforce, "channelsync.json5", .salesforce, "Opportunity", "Name",
         FaultTarget.salesforceOpportunity("Acme expansion", email: "buy@acme.example")),
        (.hubspot, "examples/hubspot-impartner.json5", .hubspot, "deals", "dealname",
         FaultTarget.hubspotDeal("Acme expansion", domain: "acme.example")),
        (.impartner, "channelsync.json5", .impartner, "Deal", "name", FaultTarget.portalDeal("Acme expansion", domain: "acme.example")),
        (.partnerstack, "examples/salesforce-partnerstack.json5", .partnerstack, "deals", "name",
         FaultTarget.partnerStackDeal("Acme expansion", email: "it@acme.example")),
        (.rest, "examples/generic-rest.json5", .generic, "deals", "title",
         PortalSide.generic.registered.merging(["title": .string("Acme expansion")]) { $1 }),
        (.pipedrive, "examples/pipedrive.json5", .pipedrive, "deals", "title", CRMSide.pipedrive.created),
        (.zoho, "examples/zoho.json5", .zoho, "Deals", "Deal_Name", CRMSide.zoho.created),
        (.dataverse, "examples/dataverse.json5", .dataverse, "opportunities", "name", CRMSide.dataverse.created),
    ]

    /// Every dialect, its URLs replaced by `sandbox`'s.
    static func all(on sandbox: MutatingSandbox) throws -> [FuzzRemote] {
        try dialects.map { dialect, file, system, object, title, record in
            let configuration = try load(file, on: sandbox)
            guard let remote = configuration.service.remotes.first(where: { $0.dialect == dialect }) else {
                throw TestFailure("\(file) has no \(dialect) remote")
            }
            guard let mapping = configuration.mappings.first(where: {
                ($0.crm.remote == remote.name && $0.crm.object == object) || ($0.prm.remote == remote.name && $0.prm.object == object)
            }) else { throw TestFailure("\(file) has no mapping of \(remote.name) \(object)") }
            let side: Side = mapping.crm.remote == remote.name ? .crm : .prm
            var paths = mapping.fields.compactMap { $0.path(side) }
            let external = mapping.binding(side).externalIdField
            if let external { paths.append(external) }
            let names = Set(paths.map { dialect == .salesforce ? $0.description : $0.components[0] })
            return FuzzRemote(remote: remote, system: system, object: object, fields: names.sorted(),
                              externalIdField: external?.description, titleField: title, record: record)
        }
    }

    /// The example config `file` under `config/`, with the sandbox's URLs.
    static func load(_ file: String, on sandbox: MutatingSandbox) throws -> Configuration {
        let path = CycleWorld.configDirectory + "/" + file
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for (url, system) in ports { text = text.replacingOccurrences(of: url, with: sandbox.baseURL(system)) }
        let patched = text
        let loaded = ConfigLoader.load(path: path) { name in
            if name == path { return .success(Array(patched.utf8)) }
            guard let data = FileManager.default.contents(atPath: name) else { return .failure(.notFound) }
            return .success(Array(data))
        }
        switch loaded {
        case let .success(configuration): return configuration
        case let .failure(errors): throw TestFailure("\(file) does not load: \(errors)")
        }
    }
}
