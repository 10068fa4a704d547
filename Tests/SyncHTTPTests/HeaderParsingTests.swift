import Foundation
@testable import SyncHTTP
import Testing

/// The small parsers behind retries and requests.
@Suite struct HeaderParsingTests {
    static let now = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01 00:00:00 GMT

    @Test(arguments: [
        ("Wed, 01 Jan 2025 00:00:05 GMT", 5.0),  // IMF-fixdate
        ("Wednesday, 01-Jan-25 00:01:00 GMT", 60.0),  // RFC 850
        ("Wed Jan  1 01:00:00 2025", 3600.0),  // asctime
        ("Tue, 31 Dec 2024 23:59:00 GMT", 0.0),  // in the past: retry now
        ("120", 120.0),
        ("0", 0.0),
    ])
    func retryAfterForms(value: String, seconds: Double) {
        #expect(RetryAfter.delay(value, now: Self.now) == .seconds(seconds))
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "Wed, 32 Jan 2025 00:00:00 GMT", "Wed, 01 Foo 2025 00:00:00 GMT"])
    func unusableRetryAfterValuesAreIgnored(value: String) {
        #expect(RetryAfter.delay(value, now: Self.now) == nil)
    }

    @Test func httpDatesMatchFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "GMT"))
        let date = try #require(HTTPDate.parse("Sun, 29 Feb 2032 13:45:07 GMT"))
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        #expect([parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second] == [2032, 2, 29, 13, 45, 7])
    }

    @Test func headersAreCaseInsensitiveAndOrdered() {
        var headers: HTTPHeaders = ["Content-Type": "application/json"]
        headers.add("Set-Cookie", "a=1")
        headers.add("set-cookie", "b=2")
        #expect(headers["content-type"] == "application/json")
        #expect(headers.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        headers["Set-Cookie"] = "c=3"
        #expect(headers.values(for: "set-cookie") == ["c=3"])
        headers["CONTENT-TYPE"] = nil
        #expect(!headers.contains("Content-Type"))
        #expect(headers.count == 1)
    }

    @Test func queryComponentsRoundTrip() {
        let text = "a b+c&d=e/é%"
        let encoded = PercentEncoding.encodeQueryComponent(text)
        #expect(encoded == "a%20b%2Bc%26d%3De%2F%C3%A9%25")
        #expect(PercentEncoding.decodeQueryComponent(Substring(encoded)) == text)
    }

    @Test func queryItemsAreAppendedToAnExistingQuery() {
        let request = HTTPRequest(.get, "https://x/q?done=false", query: [URLQueryItem(name: "n", value: "1")])
        #expect(request.fullURL == "https://x/q?done=false&n=1")
        #expect(HTTPRequest(.get, "https://x/q", query: [URLQueryItem(name: "n", value: "1")]).fullURL == "https://x/q?n=1")
    }
}
