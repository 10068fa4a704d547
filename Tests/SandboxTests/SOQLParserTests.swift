import Foundation
import Testing
@testable import Sandbox
import SyncCore

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
