import Testing
@testable import SyncCore

@Suite("multipart/mixed framing of OData $batch")
struct MultipartMixedTests {
    /// A Dataverse `$batch` answer in the shape Microsoft's Web API documentation shows.
    static let answer = """
    --batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\r
    Content-Type: application/http\r
    Content-Transfer-Encoding: binary\r
    \r
    HTTP/1.1 204 No Content\r
    OData-Version: 4.0\r
    OData-EntityId: [Organization URI]/api/data/v9.2/tasks(a9e0b7e0-9bf0-ea11-a815-000d3a122b89)\r
    \r
    \r
    --batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\r
    Content-Type: application/http\r
    Content-Transfer-Encoding: binary\r
    \r
    HTTP/1.1 400 Bad Request\r
    Content-Type: application/json; odata.metadata=minimal\r
    OData-Version: 4.0\r
    \r
    {"error":{"code":"0x80040237","message":"A record with matching key values already exists."}}\r
    --batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f--\r

    """

    @Test("reads the boundary, each part and its embedded HTTP answer")
    func readsAnswer() throws {
        let boundary = try #require(MultipartMixed.boundary(
            ofContentType: "multipart/mixed; boundary=\"batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\""))
        let parts = try #require(MultipartMixed.parts(of: Self.answer, boundary: boundary))
        #expect(parts.count == 2)
        let first = try #require(EmbeddedHTTPMessage(parts[0].content))
        #expect(first.status == 204 && first.header("odata-entityid")?.hasSuffix("(a9e0b7e0-9bf0-ea11-a815-000d3a122b89)") == true)
        let second = try #require(EmbeddedHTTPMessage(parts[1].content))
        #expect(second.status == 400 && second.body.hasPrefix("{\"error\":{\"code\":\"0x80040237\""))
        #expect(MultipartMixed.parts(of: Self.answer.replacingOccurrences(of: "aad2f--", with: "aad2f"), boundary: boundary) == nil,
                "no closing delimiter: not a complete body")
        #expect(MultipartMixed.boundary(ofContentType: "application/json") == nil)
    }

    @Test("what it writes it reads back, with CRLF line ends")
    func roundTrip() throws {
        let request = EmbeddedHTTPMessage(startLine: "PATCH /api/data/v9.2/accounts(accountnumber='A-1') HTTP/1.1",
                                          headers: [.init("Content-Type", "application/json")], body: "{\"name\":\"Contoso\"}")
        let part = MultipartMixed.Part(headers: [.init("Content-Type", "application/http"), .init("Content-ID", "1")],
                                       content: request.text)
        let body = MultipartMixed.body([part, part], boundary: "batch_x")
        #expect(body.hasPrefix("--batch_x\r\nContent-Type: application/http\r\n") && body.hasSuffix("--batch_x--\r\n"))
        let parts = try #require(MultipartMixed.parts(of: body, boundary: "batch_x"))
        #expect(parts.count == 2 && parts[1].header("content-id") == "1")
        #expect(EmbeddedHTTPMessage(parts[0].content) == request)
    }
}
