import Foundation
import Testing
@testable import Sandbox

@Suite struct SOQLParserTests {
    @Test func parsesTheConnectorQuery() throws {
        let query = try SOQLParser.parse(
            "select Id, Name, Account.Name, SystemModstamp from Opportunity where SystemModstamp > 2024-01-01T00:00:00.000Z and IsDeleted = false order by SystemModstamp asc, Id limit 500")
        #expect(query.fields.map(\.name) == ["Id", "Name", "Account.Name", "SystemModstamp"])
        #expect(query.object == "Opportunity")
        #expect(query.conditions.count == 2)
        #expect(query.conditions[0].op == .greater)
        #expect(query.conditions[0].values == [.dateTime(ManualClock.defaultStart)])
        #expect(query.conditions[1].values == [.bool(false)])
        #expect(query.orderBy.map(\.field.name) == ["SystemModstamp", "Id"])
        #expect(query.limit == 500)
    }

    @Test func literalsOfEveryKind() throws {
        let query = try SOQLParser.parse(
            #"SELECT Id FROM Lead WHERE Email IN ('a@x.io', 'O\'Brien') AND Amount >= -12.50 AND CloseDate < 2024-03-01 AND Owner != null AND CreatedDate <= 2024-01-01T01:00:00+01:00 AND Name NOT IN ('x')"#)
        #expect(query.conditions.map(\.op) == [.in, .greaterOrEqual, .less, .notEqual, .lessOrEqual, .notIn])
        #expect(query.conditions[0].values == [.string("a@x.io"), .string("O'Brien")])
        #expect(query.conditions[1].values == [.number(Decimal(string: "-12.50") ?? 0)])
        #expect(query.conditions[2].values == [.date(1_709_251_200_000)])
        #expect(query.conditions[3].values == [.null])
        #expect(query.conditions[4].values == [.dateTime(ManualClock.defaultStart)])
    }

    @Test(arguments: [
        ("SELECT Id FROM Opportunity WHERE Name LIKE 'a%'", "LIKE"),
        ("SELECT Id FROM Opportunity WHERE A = 1 OR B = 2", "OR"),
        ("SELECT Id FROM Opportunity WHERE (A = 1)", "parenthesised"),
        ("SELECT Id FROM Opportunity WHERE NOT A = 1", "NOT"),
        ("SELECT COUNT() FROM Opportunity", "functions"),
        ("SELECT Id, (SELECT Id FROM Contacts) FROM Account", "subqueries"),
        ("SELECT Id FROM Opportunity OFFSET 10", "OFFSET"),
        ("SELECT Id FROM Opportunity WHERE CloseDate = TODAY", "date literal"),
        ("SELECT Id FROM Opportunity WHERE CloseDate > LAST_N_DAYS:3", "date literal"),
        ("SELECT Id FROM Opportunity WHERE Name = 'open", "unterminated"),
        ("SELECT FROM Opportunity", "a field name"),
        ("SELECT Id Opportunity", "FROM"),
        ("SELECT Id FROM Opportunity LIMIT many", "whole number"),
        ("SELECT Id FROM Opportunity WHERE SystemModstamp > 2024-01-01T00:00:00 00:00", "unexpected"),
    ])
    func refusesWhatTheSubsetLacks(query: String, mention: String) {
        do {
            _ = try SOQLParser.parse(query)
            Issue.record("\(query) parsed")
        } catch {
            #expect(error.message.contains(mention), "\(query): \(error.message)")
            #expect(error.column >= 1 && error.column <= query.count + 1)
        }
    }

    @Test func errorColumnPointsAtTheProblem() {
        do {
            _ = try SOQLParser.parse("SELECT Id FROM Lead WHERE Name ~ 'x'")
            Issue.record("parsed")
        } catch {
            #expect(error.column == 32)
        }
    }
}

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
        (#"{ salesforce: { dailyApiLimt: 5 } }"#, "salesforce.dailyApiLimt", "did you mean 'dailyApiLimit'"),
        (#"{ hubspot: { burstLimit: "fast" } }"#, "hubspot.burstLimit", "whole number"),
        (#"{ salesforce: { objects: [{ name: "X", keyPrefix: "0006" }] } }"#, "salesforce.objects[0].keyPrefix", "3 letters"),
        (#"{ impartner: { objects: [{ fields: ["a"] }] } }"#, "impartner.objects[0].name", "required"),
        (#"{ generic: { apiKeys: [""] } }"#, "generic.apiKeys[0]", "non-empty"),
        (#"{ zoho: {} }"#, "zoho", "unknown key"),
        (#"[1, 2]"#, "(top level)", "object"),
    ])
    func errorsNameThePath(text: String, path: String, message: String) {
        do {
            _ = try SandboxConfiguration.parse(Data(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            guard case let .invalidConfiguration(actualPath, actualMessage) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(actualPath == path)
            #expect(actualMessage.contains(message), "\(actualMessage)")
        }
    }

    @Test func syntaxErrorsNameTheFile() {
        do {
            _ = try SandboxConfiguration.parse(Data("{ salesforce: { dailyApiLimit: } }".utf8), name: "sandbox.json5")
            Issue.record("accepted")
        } catch {
            #expect(error.description.hasPrefix("sandbox.json5: "))
            #expect(error.description.contains("not valid JSON5"), "\(error)")
        }
    }
}
