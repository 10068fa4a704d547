import Foundation
import Testing
@testable import SyncCore

/// Native → canonical (read) and canonical → native (write) for each type and transform.
@Suite struct ConfigNormalizeTests {
    static func field(_ type: FieldType, _ transforms: [Transform] = [], values: [String] = []) -> FieldMapping {
        var field = FieldMapping(name: "f", type: type, crmPath: FieldPath("a.b"), prmPath: FieldPath("x"), crmTransforms: transforms)
        field.values = values
        return field
    }

    static func read(_ field: FieldMapping, _ native: JSONValue) -> Result<Value, FieldError> {
        field.read(.object(["a": .object(["b": native])]), side: .crm)
    }

    static func number(_ text: String) -> Decimal { Decimal(string: text)! }
    static func ms(_ iso: String) -> Int64 { ISO8601Instant.parse(iso)! }

    static let stageMap = Transform.valueMap(["Closed Won": "won", "Closed Lost": "lost", "Prospecting": "open"], fallback: nil)

    /// (type, transforms, enum values, native, expected canonical)
    @Test(arguments: [
        (FieldType.string, [Transform](), [String](), JSONValue.string("Acme"), Value.string("Acme")),
        (.string, [], [], .number(5), .string("5")),
        (.string, [.trim, .lowercase], [], .string("  Foo Bar \n"), .string("foo bar")),
        (.string, [.uppercase], [], .string("de"), .string("DE")),
        (.string, [], [], .null, .null),
        (.text, [], [], .string("  kept as is  "), .string("  kept as is  ")),
        (.email, [], [], .string("  Jane.Doe@Example.COM "), .string("jane.doe@example.com")),
        (.email, [], [], .string(""), .null),
        (.decimal, [], [], .number(number("12345.67")), .number(number("12345.67"))),
        (.decimal, [], [], .string(" 12345.67 "), .number(number("12345.67"))),
        (.decimal, [], [], .string("1e3"), .number(1000)),
        (.decimal, [], [], .string(""), .null),
        (.decimal, [.scale(2)], [], .number(12345), .number(number("123.45"))),
        (.decimal, [.scale(2)], [], .string("12345"), .number(number("123.45"))),
        (.decimal, [.defaultValue(.number(0))], [], .null, .number(0)),
        (.integer, [], [], .number(42), .number(42)),
        (.integer, [], [], .string("-7"), .number(-7)),
        (.bool, [], [], .bool(true), .bool(true)),
        (.bool, [], [], .string("FALSE"), .bool(false)),
        (.bool, [.valueMap(["Y": "true", "N": "false"], fallback: nil)], [], .string("Y"), .bool(true)),
        (.date, [], [], .string("2024-05-31"), .date("2024-05-31")),
        (.date, [], [], .string("2024-05-31T23:30:00-02:00"), .date("2024-05-31")),
        (.date, [], [], .number(1_717_113_600_000), .date("2024-05-31")),
        (.date, [.dateFormat(.pattern("dd/MM/yyyy"))], [], .string("31/05/2024"), .date("2024-05-31")),
        (.date, [.dateFormat(.pattern("M/d/yyyy"))], [], .string("5/3/2024"), .date("2024-05-03")),
        (.date, [.dateFormat(.epochSeconds)], [], .number(1_717_113_600), .date("2024-05-31")),
        (.date, [.dateFormat(.iso8601)], [], .string("2024-05-31T00:00:00Z"), .date("2024-05-31")),
        (.date, [], [], .string(""), .null),
        (.datetime, [], [], .string("2024-05-31T10:00:00Z"), .datetime(1_717_149_600_000)),
        (.datetime, [], [], .string("2024-05-31T12:00:00.123+02:00"), .datetime(1_717_149_600_123)),
        (.datetime, [], [], .string("2024-05-31T10:00:00.000+0000"), .datetime(1_717_149_600_000)),
        (.datetime, [], [], .string("2024-05-31T05:00:00-05"), .datetime(1_717_149_600_000)),
        (.datetime, [], [], .string("2024-05-31T10:00:00"), .datetime(1_717_149_600_000)),
        (.datetime, [], [], .string("2024-05-31 10:00Z"), .datetime(1_717_149_600_000)),
        (.datetime, [], [], .string("2024-05-31T10:00:00.1234567Z"), .datetime(1_717_149_600_123)),
        (.datetime, [], [], .string("1969-12-31T23:59:59.999Z"), .datetime(-1)),
        (.datetime, [], [], .number(1_717_149_600_000), .datetime(1_717_149_600_000)),
        (.datetime, [], [], .string("1717149600000"), .datetime(1_717_149_600_000)),
        (.datetime, [.dateFormat(.epochSeconds)], [], .number(1_717_149_600), .datetime(1_717_149_600_000)),
        (.datetime, [.dateFormat(.epochMillis)], [], .string("1717149600000"), .datetime(1_717_149_600_000)),
        (.datetime, [.dateFormat(.pattern("yyyy-MM-dd HH:mm:ss XXX"))], [], .string("2024-05-31 12:00:00 +02:00"), .datetime(1_717_149_600_000)),
        (.datetime, [.dateFormat(.pattern("dd.MM.yyyy HH:mm"))], [], .string("31.05.2024 10:00"), .datetime(1_717_149_600_000)),
        (.enum, [stageMap], ["open", "won", "lost"], .string("Closed Won"), .string("won")),
        (.enum, [stageMap], ["open", "won", "lost"], .null, .null),
        (.enum, [stageMap], ["open", "won", "lost"], .string(""), .null),
        (.enum, [.valueMap(["A": "a"], fallback: "other")], ["a", "other"], .string("Zzz"), .string("other")),
        (.enum, [.trim, .lowercase], ["won"], .string(" WON "), .string("won")),
        (.enum, [.valueMap(["1": "gold", "2": "silver"], fallback: nil)], ["gold", "silver"], .number(2), .string("silver")),
        (.enum, [.defaultValue(.string("open"))], ["open"], .null, .string("open")),
        (.enum, [.constant(.string("open"))], ["open"], .string("anything"), .string("open")),
        (.reference, [], [], .number(12345), .string("12345")),
        (.reference, [], [], .string("0065g00000AbCdE"), .string("0065g00000AbCdE")),
        (.reference, [], [], .string(""), .null),
    ])
    func reads(type: FieldType, transforms: [Transform], values: [String], native: JSONValue, expected: Value) {
        #expect(Self.read(Self.field(type, transforms, values: values), native) == .success(expected))
    }

    /// (type, transforms, enum values, native, expected error, text the error must not contain)
    @Test(arguments: [
        (FieldType.string, [Transform](), [String](), JSONValue.object([:]), "wrongType", ""),
        (.email, [], [], .string("jane.doe(at)example.com"), "invalidValue", "jane"),
        (.email, [], [], .string("jane doe@example.com"), "invalidValue", "jane"),
        (.decimal, [], [], .string("12,50"), "invalidValue", ""),
        (.decimal, [], [], .bool(true), "wrongType", ""),
        (.integer, [], [], .number(number("4.5")), "invalidValue", ""),
        (.bool, [], [], .string("yes"), "invalidValue", ""),
        (.bool, [], [], .number(1), "wrongType", ""),
        (.date, [], [], .string("2024-02-30"), "invalidValue", ""),
        (.date, [], [], .string("31/05/2024"), "invalidValue", ""),
        (.date, [.dateFormat(.pattern("dd/MM/yyyy"))], [], .string("31-05-2024"), "invalidValue", ""),
        (.datetime, [], [], .string("2024-05-31T25:00:00Z"), "invalidValue", ""),
        (.datetime, [], [], .string("2024-05-31T10:00:00+25:00"), "invalidValue", ""),
        (.datetime, [], [], .number(number("1.5")), "invalidValue", ""),
        (.datetime, [.dateFormat(.epochSeconds)], [], .string("soon"), "invalidValue", ""),
        (.enum, [stageMap], ["open", "won", "lost"], .string("Negotiation"), "unmappedValue", ""),
        (.enum, [], ["won"], .string("Won"), "notCanonical", ""),
        (.enum, [stageMap], ["open", "won", "lost"], .array([]), "wrongType", ""),
        (.reference, [], [], .number(number("1.5")), "wrongType", ""),
    ])
    func refuses(type: FieldType, transforms: [Transform], values: [String], native: JSONValue, code: String, hidden: String) {
        let result = Self.read(Self.field(type, transforms, values: values), native)
        guard case let .failure(error) = result else {
            Issue.record("read \(native) as \(result)")
            return
        }
        #expect(Self.code(error) == code, "\(error)")
        #expect(error.field == "f")
        #expect(error.side == .crm)
        if !hidden.isEmpty { #expect(!error.description.contains(hidden), "\(error)") }
    }

    static func code(_ error: FieldError) -> String {
        switch error {
        case .notOnSide: "notOnSide"
        case .unmappedValue: "unmappedValue"
        case .noNativeValue: "noNativeValue"
        case .wrongType: "wrongType"
        case .invalidValue: "invalidValue"
        case .notCanonical: "notCanonical"
        }
    }

    /// (type, transforms, enum values, canonical, expected native)
    @Test(arguments: [
        (FieldType.string, [Transform](), [String](), Value.string("Acme"), JSONValue.string("Acme")),
        (.decimal, [], [], .number(number("12345.67")), .number(number("12345.67"))),
        (.decimal, [.scale(2)], [], .number(number("123.45")), .number(12345)),
        (.bool, [], [], .bool(false), .bool(false)),
        (.bool, [.valueMap(["Y": "true", "N": "false"], fallback: nil)], [], .bool(false), .string("N")),
        (.date, [], [], .date("2024-05-31"), .string("2024-05-31")),
        (.date, [.dateFormat(.epochMillis)], [], .date("2024-05-31"), .number(1_717_113_600_000)),
        (.date, [.dateFormat(.pattern("dd/MM/yyyy"))], [], .date("2024-05-03"), .string("03/05/2024")),
        (.date, [.dateFormat(.pattern("M/d/yyyy"))], [], .date("2024-05-03"), .string("5/3/2024")),
        (.datetime, [], [], .datetime(1_717_149_600_123), .string("2024-05-31T10:00:00.123Z")),
        (.datetime, [], [], .datetime(-1), .string("1969-12-31T23:59:59.999Z")),
        (.datetime, [.dateFormat(.epochMillis)], [], .datetime(1_717_149_600_123), .number(1_717_149_600_123)),
        (.datetime, [.dateFormat(.epochSeconds)], [], .datetime(1_717_149_600_999), .number(1_717_149_600)),
        (.datetime, [.dateFormat(.pattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))], [], .datetime(1_717_149_600_123), .string("2024-05-31T10:00:00.123+0000")),
        (.datetime, [.dateFormat(.pattern("yyyy-MM-dd HH:mm:ssXXX"))], [], .datetime(1_717_149_600_000), .string("2024-05-31 10:00:00Z")),
        (.enum, [stageMap], ["open", "won", "lost"], .string("won"), .string("Closed Won")),
        (.enum, [.valueMapWithWrite(["Gold": "gold", "Platinum": "gold"], fallback: nil, write: ["gold": "Gold"])], ["gold"], .string("gold"), .string("Gold")),
        (.enum, [.valueMapWithWrite(["A": "a"], fallback: "other", write: ["other": "Misc"])], ["a", "other"], .string("other"), .string("Misc")),
        (.enum, [.trim, .lowercase, .defaultValue(.string("open"))], ["open"], .string("open"), .string("open")),
        (.enum, [stageMap], ["open", "won", "lost"], .null, .null),
        (.reference, [], [], .string("12345"), .string("12345")),
    ])
    func writes(type: FieldType, transforms: [Transform], values: [String], canonical: Value, expected: JSONValue) {
        #expect(Self.field(type, transforms, values: values).write(canonical, side: .crm) == .success(expected))
    }

    @Test func writeRefusesWhatTheSideCannotHold() {
        let stage = Self.field(.enum, [Self.stageMap], values: ["open", "won", "lost", "negotiation"])
        #expect(stage.write(.string("negotiation"), side: .crm) == .failure(.noNativeValue(field: "f", side: .crm, canonical: "negotiation")))
        let ambiguous = Self.field(.enum, [.valueMap(["Gold": "gold", "Platinum": "gold"], fallback: nil)], values: ["gold"])
        #expect(ambiguous.write(.string("gold"), side: .crm) == .failure(.noNativeValue(field: "f", side: .crm, canonical: "gold")))
        let cents = Self.field(.decimal, [.scale(2)])
        guard case .failure(.invalidValue) = cents.write(.number(Self.number("1.234")), side: .crm) else {
            Issue.record("wrote fractional minor units")
            return
        }
        guard case .failure(.wrongType) = Self.field(.decimal).write(.string("12"), side: .crm) else {
            Issue.record("wrote a string into a decimal field")
            return
        }
        var crmOnly = Self.field(.string)
        crmOnly.prmPath = nil
        #expect(crmOnly.write(.string("x"), side: .prm) == .failure(.notOnSide(field: "f", side: .prm)))
        #expect(crmOnly.read(.object([:]), side: .prm) == .failure(.notOnSide(field: "f", side: .prm)))
    }

    @Test func canonicalValuesTypedByOps() {
        let stage = Self.field(.enum, [Self.stageMap], values: ["open", "won", "lost"])
        #expect(stage.canonicalValue(from: .string("won")) == .string("won"))
        #expect(stage.canonicalValue(from: .string("Closed Won")) == nil)
        #expect(Self.field(.decimal).canonicalValue(from: .string("12.50")) == .number(Self.number("12.5")))
        #expect(Self.field(.datetime).canonicalValue(from: .string("2024-05-31T10:00:00Z")) == .datetime(1_717_149_600_000))
        #expect(Self.field(.bool).canonicalValue(from: .string("maybe")) == nil)
    }

    @Test func missingPathReadsAsNullOrTheDefault() {
        #expect(Self.field(.string).read(.object([:]), side: .crm) == .success(.null))
        #expect(Self.field(.string).read(.object(["a": .string("not an object")]), side: .crm) == .success(.null))
        #expect(Self.field(.decimal, [.defaultValue(.number(0))]).read(.object([:]), side: .crm) == .success(.number(0)))
        var constantOnly = FieldMapping(name: "source", type: .string, crmPath: FieldPath("LeadSource"), prmPath: nil,
                                        prmTransforms: [.constant(.string("Partner"))])
        #expect(constantOnly.isRead(on: .prm))
        #expect(constantOnly.read(.object([:]), side: .prm) == .success(.string("Partner")))
        constantOnly.prmTransforms = []
        #expect(!constantOnly.isRead(on: .prm))
    }

    // MARK: Whole records, through the shipped deals mapping

    static func shippedDeals() throws -> Mapping {
        let path = ConfigLoaderTests.shippedConfig.appendingPathComponent("mappings/deals.json5").path
        let bytes = try #require(FileManager.default.contents(atPath: path))
        return try ConfigLoader.mapping([UInt8](bytes), file: path).get()
    }

    static func json(_ text: String) throws -> JSONValue {
        ConfigJSON5Tests.plain(try JSON5Parser.parse(text).root)
    }

    @Test func normalizesASalesforceOpportunity() throws {
        let deals = try Self.shippedDeals()
        let record = try Self.json("""
            {"attributes": {"type": "Opportunity"}, "Id": "0065g00000AbCdEAAZ", "Name": " Acme Expansion ",
             "Amount": 125000.50, "StageName": "Needs Analysis", "CloseDate": "2024-06-30",
             "Customer_Domain__c": "ACME.com ", "Customer_Email__c": "Buyer@Acme.com", "Partner_Account__c": "0015g00000XyZ",
             "Deal_Registration_Status__c": "Approved", "Registration_Decided_At__c": "2024-05-01T09:30:00.000+0000",
             "Registration_Expires_At__c": "2024-08-01", "Decision_Reason__c": null, "Description": "", "LeadSource": "Web",
             "Customer_Name__c": " Acme Corp "}
            """)
        let normalized = deals.normalize(record, side: .crm)
        #expect(normalized.errors.isEmpty, "\(normalized.errors)")
        #expect(normalized.values == [
            "name": .string("Acme Expansion"), "amount": .number(Self.number("125000.5")), "close_date": .date("2024-06-30"),
            "stage": .string("qualification"), "customer_domain": .string("acme.com"), "customer_email": .string("buyer@acme.com"),
            "partner_account": .string("0015g00000XyZ"), "registration_status": .string("approved"),
            "decided_at": .datetime(Self.ms("2024-05-01T09:30:00Z")), "expires_at": .date("2024-08-01"),
            "decision_reason": .null, "description": .string(""), "source": .string("Web"),
            "customer_name": .string("Acme Corp"),
        ])
        let (native, errors) = deals.nativeRecord(normalized.values, side: .prm)
        #expect(errors.isEmpty, "\(errors)")
        #expect(native == (try Self.json("""
            {"name": "Acme Expansion", "amount": 125000.5, "closeDate": "2024-06-30", "stage": {"name": "Qualified"},
             "company": {"domain": "acme.com", "name": "Acme Corp"}, "contact": {"email": "buyer@acme.com"},
             "partner": {"crmAccountId": "0015g00000XyZ"}, "registrationStatus": "approved", "decidedAt": 1714555800000, "protection": {"expiresOn": "01/08/2024"},
             "decisionReason": null, "notes": ""}
            """)))
        // And back: the PRM body reads as the same canonical values (source is CRM-only, the constant applies).
        var back = deals.normalize(native, side: .prm)
        #expect(back.errors.isEmpty, "\(back.errors)")
        back.values["source"] = .string("Web")
        #expect(back.values == normalized.values)
    }

    @Test func anUnmappedValueIsAnErrorForThatFieldOnly() throws {
        let deals = try Self.shippedDeals()
        let record = try Self.json("""
            {"id": 42, "name": "Globex", "amount": "99.90", "stage": {"name": "Archived"}, "closeDate": "2024-07-01T00:00:00Z",
             "registrationStatus": " Submitted ", "protection": {"expiresOn": "2024-08-01"}}
            """)
        let normalized = deals.normalize(record, side: .prm)
        #expect(normalized.errors == [
            .unmappedValue(field: "stage", side: .prm, native: "Archived"),
            .invalidValue(field: "expires_at", side: .prm, type: .date, detail: "'2024-08-01' does not match 'dd/MM/yyyy'"),
        ])
        #expect(!normalized.isComplete)
        #expect(normalized.values["stage"] == nil)
        #expect(normalized.values["amount"] == .number(Self.number("99.9")))
        #expect(normalized.values["close_date"] == .date("2024-07-01"))
        #expect(normalized.values["registration_status"] == .string("submitted"))
        #expect(normalized.values["source"] == .string("Partner Referral"))
        #expect(normalized.values["customer_email"] == .null)
    }
}
