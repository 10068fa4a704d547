@testable import SyncHTTP
import Testing

/// The byte-level string helpers every request's header parsing and secret scrubbing use.
@Suite struct TextScanningTests {
    @Test func trimsOnlySpacesAndTabsAtTheEdges() {
        #expect(" \t value with  inner space \t ".trimmingSpaces() == "value with  inner space")
        #expect("plain".trimmingSpaces() == "plain")
        #expect(" \t ".trimmingSpaces() == "")
        #expect("".trimmingSpaces() == "")
        #expect(" Ünïcode ✓ ".trimmingSpaces() == "Ünïcode ✓")
        #expect("\nline\n".trimmingSpaces() == "\nline\n")
    }

    @Test func findsTheEndOfTheScheme() {
        let url = "https://user:secret@example.test/a://b"
        let end = url.endOfScheme()
        #expect(end.map { String(url[$0...]) } == "user:secret@example.test/a://b")
        #expect("no scheme here".endOfScheme() == nil)
        #expect("mailto:x".endOfScheme() == nil)
        #expect("http:/".endOfScheme() == nil)
    }

    @Test func scrubsUserInfoOfAURL() {
        let scrubber = SecretScrubber(request: HTTPRequest(.get, "https://alice:hunter22@example.test/x"),
                                      redaction: .standard)
        #expect(scrubber.secrets.contains("hunter22"))
        #expect(scrubber.secrets.contains("alice:hunter22"))
    }
}
