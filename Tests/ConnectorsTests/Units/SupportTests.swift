import Foundation
import Testing
import SyncCore
import SyncHTTP
@testable import Connectors

@Suite("Connector support")
struct SupportTests {
    @Test("Sforce-Limit-Info", arguments: [
        ("api-usage=18/100000", QuotaReading(used: 18, limit: 100_000) as QuotaReading?),
        ("api-usage=25/5000, per-app-api-usage=17/250(appName=sample-app)", QuotaReading(used: 25, limit: 5000)),
        ("per-app-api-usage=17/250(appName=x), api-usage=3/15000", QuotaReading(used: 3, limit: 15_000)),
        ("api-usage=abc/100", nil), ("api-usage=5/0", nil), ("", nil), ("api-usage=5", nil),
    ])
    func limitInfo(header: String, expected: QuotaReading?) {
        #expect(SalesforceLimitInfo.parse(header) == expected)
    }

    @Test("HubSpot daily rate-limit headers")
    func hubSpotHeaders() {
        let headers: HTTPHeaders = ["X-HubSpot-RateLimit-Daily": "250000", "X-HubSpot-RateLimit-Daily-Remaining": "249990"]
        #expect(HubSpotRateLimit.daily(headers) == QuotaReading(used: 10, limit: 250_000))
        #expect(HubSpotRateLimit.daily(["X-HubSpot-RateLimit-Daily": "250000"]) == nil)
    }

    @Test("error bodies of every dialect give a code and the message verbatim")
    func errorDetails() {
        let salesforce = RemoteErrorDetail.parse(Data(#"[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]"#.utf8))
        #expect(salesforce?.code == "INVALID_SESSION_ID")
        #expect(salesforce?.message == "Session expired or invalid")
        let oauth = RemoteErrorDetail.parse(Data(#"{"error":"invalid_grant","error_description":"expired access/refresh token"}"#.utf8))
        #expect(oauth?.code == "invalid_grant")
        #expect(oauth?.message == "expired access/refresh token")
        let hubspot = RemoteErrorDetail.parse(Data(#"{"status":"error","message":"Property values were not valid","correlationId":"x","category":"VALIDATION_ERROR"}"#.utf8))
        #expect(hubspot?.code == "VALIDATION_ERROR")
        #expect(hubspot?.message == "Property values were not valid")
        let nested = RemoteErrorDetail.parse(Data(#"{"error":{"code":"0x80040217","message":"Not found"}}"#.utf8))
        #expect(nested?.code == "0x80040217")
        #expect(nested?.message == "Not found")
        #expect(RemoteErrorDetail.parse(Data("<html>502</html>".utf8)) == nil)
        #expect(RemoteErrorDetail.parse(Data()) == nil)
    }

    @Test("SOQL quoting escapes what SOQL requires; identifiers refuse injection")
    func soql() {
        #expect(SOQLText.quote("O'Brien") == #"'O\'Brien'"#)
        #expect(SOQLText.quote(#"a\b"c"#) == #"'a\\b\"c'"#)
        #expect(SOQLText.quote("line\nbreak") == #"'line\nbreak'"#)
        #expect(SOQLText.isIdentifier("ns__Deal__c"))
        #expect(SOQLText.isIdentifier("Account.Name", dotted: true))
        #expect(!SOQLText.isIdentifier("Account.Name"))
        #expect(!SOQLText.isIdentifier("Name, (SELECT Id FROM Contacts)", dotted: true))
        #expect(!SOQLText.isIdentifier("1Field"))
        #expect(!SOQLText.isIdentifier("Account..Name", dotted: true))
        #expect(SOQLText.selectList(["Id", "SystemModstamp"], ["id", "Name", "NAME"]) == ["Id", "SystemModstamp", "Name"])
    }

    @Test("lookup chunks hold at most 200 values and 4,000 characters")
    func lookupChunks() {
        let short = (0..<450).map { "v\($0)" }
        #expect(SalesforceConnector.lookupChunks(short).map(\.count) == [200, 200, 50])
        let long = (0..<30).map { _ in String(repeating: "x", count: 500) }
        let chunks = SalesforceConnector.lookupChunks(long)
        #expect(chunks.allSatisfy { $0.reduce(0) { $0 + $1.utf8.count + 4 } <= 4000 })
        #expect(chunks.flatMap { $0 } == long)
    }

    @Test("a Salesforce row loses attributes at every level and keeps relationships nested")
    func salesforceRow() throws {
        let row = try JSONParser().parse(#"""
        {"attributes":{"type":"Opportunity","url":"/x"},"Id":"0065g00000ABCDEAAA","SystemModstamp":"2024-01-01T00:00:00.000+0000",
         "IsDeleted":false,"Account":{"attributes":{"type":"Account"},"Name":"Acme"},"Amount":12.5}
        """#)
        let record = try SalesforceRecord.decode(row, remote: "sf", endpoint: "test")
        #expect(record.id == "0065g00000ABCDEAAA")
        #expect(record.modifiedAt == 1_704_067_200_000)
        #expect(record.fields[path: FieldPath("Account.Name")!] == .string("Acme"))
        #expect(record.fields[key: "attributes"] == nil)
        #expect(record.fields[key: "Account"]?[key: "attributes"] == nil)
        let bad = try JSONParser().parse(#"{"Id":"0065g00000ABCDEAAA","SystemModstamp":"yesterday"}"#)
        #expect(throws: ConnectorError.self) { try SalesforceRecord.decode(bad, remote: "sf", endpoint: "test") }
    }

    @Test("a HubSpot object's fields are its properties")
    func hubSpotObject() throws {
        let object = try JSONParser().parse(#"""
        {"id":"512","properties":{"amount":"10.00","dealstage":"closedwon","hs_lastmodifieddate":"2024-01-01T00:00:00.250Z"},
         "createdAt":"2023-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00.250Z","archived":false}
        """#)
        let record = try HubSpotRecord.decode(object, remote: "hs", endpoint: "test")
        #expect(record.id == "512")
        #expect(record.modifiedAt == 1_704_067_200_250)
        #expect(record.fields[key: "dealstage"] == .string("closedwon"))
        #expect(record.deleted == false)
    }

    @Test("a paging marker served twice stops the loop")
    func pageLoopStall() {
        var calls = 0
        #expect(throws: ConnectorError.self) {
            try PageLoop.run(remote: "r", endpoint: "e") { (marker: String?) throws -> String? in
                calls += 1
                return marker == nil ? "a" : (marker == "a" ? "b" : "a")
            }
        }
        #expect(calls == 3)
    }

    @Test("credentials come from one file per name; names cannot leave the directory")
    func credentialDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("creds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("s3cret\n".utf8).write(to: directory.appendingPathComponent("salesforce-client-secret"))
        try Data("".utf8).write(to: directory.appendingPathComponent("empty"))
        let source = CredentialSource.directory(directory.path)
        #expect(try source.secret("salesforce-client-secret", remote: "sf") == "s3cret")
        #expect(source.optionalSecret("empty") == nil)
        #expect(source.optionalSecret("../\(directory.lastPathComponent)/salesforce-client-secret") == nil)
        #expect(throws: ConnectorError.missingCredential(remote: "sf", name: "absent")) {
            try source.secret("absent", remote: "sf")
        }
    }

    @Test("tokens never show in descriptions; refresh is due inside the margin")
    func tokenDescription() {
        let token = OAuthToken(accessToken: "00Dsecret!AQ", refreshToken: "refresh-secret", instanceURL: "https://x",
                               expiresAt: 1_800_000, issuedAt: 0)
        #expect(!String(describing: token).contains("00Dsecret"))
        #expect(!String(describing: token).contains("refresh-secret"))
        var dumped = ""
        dump(token, to: &dumped)
        #expect(!dumped.contains("00Dsecret"))
        #expect(!token.needsRefresh(now: 1_499_999, margin: 300_000))
        #expect(token.needsRefresh(now: 1_500_000, margin: 300_000))
        // A short-lived token refreshes at half its life.
        let short = OAuthToken(accessToken: "a", expiresAt: 60_000, issuedAt: 0)
        #expect(!short.needsRefresh(now: 29_999, margin: 300_000))
        #expect(short.needsRefresh(now: 30_000, margin: 300_000))
        #expect(!OAuthToken(accessToken: "a", issuedAt: 0).needsRefresh(now: .max, margin: 300_000))
    }

    @Test("form bodies escape everything but unreserved characters")
    func formBody() {
        #expect(String(decoding: FormBody.encode([("a b", "x+y/z=1&2"), ("k", "ü~")]), as: UTF8.self)
            == "a%20b=x%2By%2Fz%3D1%262&k=%C3%BC~")
    }

    @Test("the quota reserve rounds up")
    func reserve() {
        #expect(QuotaReserve(fraction: 0.05).reserved(of: 100_000) == 5000)
        #expect(QuotaReserve(fraction: 0.25).reserved(of: 3) == 1)
        #expect(QuotaReserve.none.reserved(of: 100) == 0)
        #expect(QuotaReserve(fraction: 7).fraction == 1)
    }
}
