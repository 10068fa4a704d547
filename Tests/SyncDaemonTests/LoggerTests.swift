import Glibc
import Synchronization
import SyncCore
import Testing
@testable import SyncDaemon

@Suite("Logger and redaction")
struct LoggerTests {
    @Test func levelsFilterAndMessagesAreBuiltLazily() {
        let capture = LogCapture()
        let logger = capture.logger(level: .info)
        let built = Mutex(0)
        func expensive() -> String {
            built.withLock { $0 += 1 }
            return "expensive"
        }
        logger.debug(expensive())
        logger.info("kept", ["n": "1"])
        logger.error("kept too")
        #expect(built.withLock { $0 } == 0)
        #expect(capture.all.map(\.message) == ["kept", "kept too"])
        #expect(capture.all.map(\.level) == [.info, .error])
    }

    @Test func metadataComesFirstInFieldOrder() {
        let capture = LogCapture()
        capture.logger().with("mapping", "deals").info("x", ["records": "3", "mapping2": "y"])
        #expect(capture.all.first?.fields == [LogField("mapping", "deals"), LogField("records", "3"), LogField("mapping2", "y")])
    }

    /// The runtime's cycle logger and the cycle itself both bind `mapping=`: printed once.
    @Test func bindingAKeyAgainReplacesIt() {
        let capture = LogCapture()
        capture.logger().with("mapping", "deals").with("cycle", "2").with("mapping", "leads").info("x")
        #expect(capture.all.first?.fields == [LogField("cycle", "2"), LogField("mapping", "leads")])
    }

    @Test func secretKeysAreDroppedWhateverTheirCase() {
        let capture = LogCapture()
        let logger = capture.logger(redactor: LogRedactor(secretKeys: ["x-partner-key"]))
        logger.info("request", ["Authorization": "Bearer abc123", "refresh_token": "r-1", "client_secret": "s-1",
                                "X-Partner-Key": "k-1", "status": "200"])
        let fields = capture.all.first?.fields ?? []
        #expect(fields.map(\.value) == ["[redacted]", "[redacted]", "[redacted]", "[redacted]", "200"])
    }

    @Test func authorizationCredentialsInTextAreDropped() {
        let redactor = LogRedactor()
        #expect(redactor.redact(text: "HTTP 401 for header Authorization: Bearer eyJhbGciOi.x-y_z, retrying")
            == "HTTP 401 for header Authorization: Bearer [redacted], retrying")
        #expect(redactor.redact(text: "sent 'BASIC dXNlcjpwYXNz'") == "sent 'BASIC [redacted]'")
        #expect(redactor.redact(text: "the basic plan, basic configuration") == "the basic plan, basic configuration")
        #expect(redactor.redact(text: "debearer x") == "debearer x")
        #expect(redactor.isSecret(key: "X-API-Key") && redactor.isSecret(key: "x-auth-token"))
        #expect(!redactor.isSecret(key: "mapping"))
    }

    @Test(arguments: [
        ("mail jane.doe@example.com now", true),
        ("<Jane.Doe+crm@sub.example.co.uk>", true),
        ("'bob_o@example.io'", true),
        ("no address here", false),
        ("user@localhost", false),
        ("@example.com", false),
        ("version 1.2@3.4", false),
    ])
    func emailsBecomeStableHashes(text: String, hasEmail: Bool) {
        let redactor = LogRedactor()
        let redacted = redactor.redact(text: text)
        #expect(redacted.contains("email:") == hasEmail, "\(text) → \(redacted)")
        if hasEmail { #expect(!redacted.contains("@"), "\(redacted)") } else { #expect(redacted == text) }
    }

    @Test func emailHashIsStableCaseInsensitiveAndSalted() {
        let plain = LogRedactor()
        let first = plain.redact(text: "a Jane.Doe@Example.com b")
        let second = plain.redact(text: "jane.doe@example.com")
        #expect(first == "a \(second) b")
        #expect(second.hasPrefix("email:") && second.count == "email:".count + 12)
        #expect(plain.redact(text: "john@example.com") != second)
        #expect(LogRedactor(salt: "site-1").redact(text: "jane.doe@example.com") != second)
    }

    @Test func everyEmailInALongTextIsReplaced() {
        let text = "from a@x.io to b@y.org, cc c.d@z.co.uk; trailing e@w.net."
        let redacted = LogRedactor().redact(text: text)
        #expect(!redacted.contains("@"))
        #expect(redacted.components(separatedBy: "email:").count == 5)
        #expect(redacted.hasSuffix("."))
    }

    @Test func linesCarryPriorityPrefixesAndStayOnOneLine() {
        let event = LogEvent(level: .warning, message: "two\nlines", fields: [
            LogField("path", "/a b"), LogField("plain", "x"), LogField("empty", ""), LogField("quote", "say \"hi\""),
        ])
        #expect(LogLine.render(event, style: .journal)
            == #"<4>two\nlines path="/a b" plain=x empty="" quote="say \"hi\"""#)
        #expect(LogLine.render(event, style: .plain).hasPrefix("warning: two\\nlines "))
        #expect(LogLine.render(LogEvent(level: .error, message: "e"), style: .journal) == "<3>e")
        #expect(LogLine.render(LogEvent(level: .info, message: "i"), style: .journal) == "<6>i")
        #expect(LogLine.render(LogEvent(level: .debug, message: "d"), style: .journal) == "<7>d")
    }

    @Test func journalStyleOnlyWhenStderrIsTheJournalStream() throws {
        let directory = try TemporaryDirectory.make()
        let fd = open(directory + "/stderr", O_CREAT | O_WRONLY, 0o600)
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        let matching = "\(info.st_dev):\(info.st_ino)"
        #expect(LogStyle.detect(environment: [:], standardError: fd) == .plain)
        #expect(LogStyle.detect(environment: ["JOURNAL_STREAM": matching], standardError: fd) == .journal)
        #expect(LogStyle.detect(environment: ["JOURNAL_STREAM": "1:2"], standardError: fd) == .plain)
    }

    @Test func standardErrorLogWritesWholeLines() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let log = StandardErrorLog(style: .journal, fd: fds[1])
        log.write(LogEvent(level: .info, message: "hello", fields: [LogField("k", "v")]))
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(fds[0], &buffer, buffer.count)
        close(fds[0])
        #expect(String(decoding: buffer[0..<max(0, count)], as: UTF8.self) == "<6>hello k=v\n")
    }
}
