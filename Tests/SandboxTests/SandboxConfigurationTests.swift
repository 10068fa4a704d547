import Foundation
import Testing
@testable import Sandbox
import SyncCore

@Suite struct SandboxConfigurationTests {
    @Test func readsJSON5WithDefaultsForEverythingElse() throws {
        let text = """
        // sandbox for the demo
        {
          salesforce: { dailyApiLimit: 500, sessionLifetimeMs: 60000,
                        objects: [{ name: "Deal__c", keyPrefix: "a01", fields: null, externalIdFields: ["Ext__c"], }], },
          hubspot: { burstLimit: 100, searchPerSecond: null },
          generic: { closedValues: ["done"], collections: [{ name: "tickets", requiredFields: ["subject"] }] },
        }
        """
        let configuration = try SandboxConfiguration.parse(Data(text.utf8))
        #expect(configuration.salesforce.dailyAPILimit == 500)
        #expect(configuration.salesforce.sessionLifetimeMilliseconds == 60_000)
        #expect(configuration.salesforce.objects.map(\.name) == ["Deal__c"])
        #expect(configuration.salesforce.objects[0].fields == nil)
        #expect(configuration.salesforce.queryPageSize == 2000)
        #expect(configuration.hubspot.burstLimit == 100)
        #expect(configuration.hubspot.searchPerSecond == nil)
        #expect(configuration.generic.closedValues == ["done"])
        #expect(configuration.impartner == ImpartnerConfiguration())
        let sandbox = SandboxEnvironment(configuration: configuration)
        let record = try sandbox.salesforce.store.seed("Deal__c", fields: ["Ext__c": .string("1")])
        #expect(record.id.hasPrefix("a01"))
    }

    @Test(arguments: [
        (#"{ salesforce: { dailyApiLimt: 5 } }"#, "1:17", "salesforce.dailyApiLimt", "did you mean 'dailyApiLimit'"),
        (#"{ hubspot: { burstLimit: "fast" } }"#, "1:26", "hubspot.burstLimit", "whole number"),
        ("{ salesforce: { objects: [\n  { name: \"X\", keyPrefix: \"0006\" }] } }", "2:27", "salesforce.objects[0].keyPrefix",
         "3 letters"),
        (#"{ impartner: { objects: [{ fields: ["a"] }] } }"#, "1:26", "impartner.objects[0].name", "required"),
        (#"{ generic: { apiKeys: [""] } }"#, "1:24", "generic.apiKeys[0]", "non-empty"),
        (#"{ marketo: {} }"#, "1:3", "marketo", "unknown key"),
        (#"{ hubspot: {}, hubspot: {} }"#, "1:16", "hubspot", "given twice"),
        (#"[1, 2]"#, "1:1", "(top level)", "object"),
    ])
    func errorsNameThePlaceAndPath(text: String, place: String, path: String, message: String) {
        do {
            _ = try SandboxConfiguration.parse(Data(text.utf8), name: "sandbox.json5")
            Issue.record("accepted \(text)")
        } catch {
            guard case let .invalidConfigurationFile(file, line, column, actualPath, actualMessage) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(file == "sandbox.json5")
            #expect("\(line):\(column)" == place, "\(text)")
            #expect(actualPath == path)
            #expect(actualMessage.contains(message), "\(actualMessage)")
            #expect(error.description.hasPrefix("sandbox.json5:\(place): \(path == "" ? "" : path)"))
        }
    }

    @Test func syntaxErrorsSayWhere() {
        do {
            _ = try SandboxConfiguration.parse(Data("{\n  salesforce: { dailyApiLimit: } }".utf8), name: "sandbox.json5")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("sandbox.json5:2:32: "), "\(error)")
        }
    }
}
