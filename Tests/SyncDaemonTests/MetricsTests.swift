import Glibc
import SyncCore
import Testing
@testable import SyncDaemon

@Suite("Prometheus text file")
struct MetricsTests {
    func sampleSnapshot() -> MetricsSnapshot {
        var snapshot = MetricsSnapshot(build: BuildInfo(version: "0.1.0"))
        let report = CycleReport(
            records: [RecordOutcomeKey(direction: "to_crm", operation: "update", result: "applied"): 7,
                      RecordOutcomeKey(direction: "to_prm", operation: "create", result: "failed"): 1],
            requests: ["salesforce": ["200": 12, "429": 2], "portal": ["error": 1]],
            throttled: ["salesforce": 2], quotaRemaining: ["salesforce": 14_000],
            pendingIntents: 0, openConflicts: 3, deadLetters: 1)
        snapshot.record(report, mapping: "deals", finishedAt: 1_700_000_000.25, duration: .milliseconds(1_500))
        snapshot.record(CycleReport(failure: "HTTP 503"), mapping: "leads", finishedAt: 1_700_000_001, duration: .seconds(2))
        snapshot.recordSkip(mapping: "leads")
        snapshot.setCircuit(.open, remote: "portal")
        snapshot.setCircuit(.closed, remote: "salesforce")
        return snapshot
    }

    @Test func everyLineParsesAndTheRequiredFamiliesArePresent() throws {
        let families = try ExpositionParser.parse(PrometheusText.render(sampleSnapshot()))
        let byName = Dictionary(uniqueKeysWithValues: families.map { ($0.name, $0) })
        for family in families {
            #expect(family.help != nil && family.type != nil, "\(family.name) lacks HELP or TYPE")
        }
        let required = ["channelsync_build_info", "channelsync_last_success_timestamp_seconds",
                        "channelsync_cycle_duration_seconds", "channelsync_records_synced_total",
                        "channelsync_api_requests_total", "channelsync_api_throttled_total",
                        "channelsync_api_quota_remaining", "channelsync_pending_intents", "channelsync_open_conflicts",
                        "channelsync_dead_letters", "channelsync_circuit_state", "channelsync_cycles_total"]
        for name in required { #expect(byName[name] != nil, "missing \(name)") }
        #expect(byName["channelsync_records_synced_total"]?.type == "counter")
        #expect(byName["channelsync_records_synced_total"]?.samples.first {
            $0.labels == ["mapping": "deals", "direction": "to_crm", "operation": "update", "result": "applied"]
        }?.value == 7)
        #expect(byName["channelsync_last_success_timestamp_seconds"]?.samples
            == [ExpositionParser.Sample(labels: ["mapping": "deals"], value: 1_700_000_000.25)])
        #expect(byName["channelsync_cycles_total"]?.samples.count == 3)
        let circuit = byName["channelsync_circuit_state"]?.samples ?? []
        #expect(circuit.filter { $0.value == 1 }.map { $0.labels["remote"]! + "=" + $0.labels["state"]! }.sorted()
            == ["portal=open", "salesforce=closed"])
        #expect(byName["channelsync_api_requests_total"]?.samples.contains {
            $0.labels == ["remote": "portal", "status": "error"] && $0.value == 1
        } == true)
    }

    @Test func countersAccumulateAcrossCycles() throws {
        var snapshot = sampleSnapshot()
        snapshot.record(CycleReport(records: [RecordOutcomeKey(direction: "to_crm", operation: "update", result: "applied"): 5],
                                    requests: ["salesforce": ["200": 3]]),
                        mapping: "deals", finishedAt: 1_700_000_100, duration: .seconds(1))
        #expect(snapshot.mappings["deals"]?.records[RecordOutcomeKey(direction: "to_crm", operation: "update", result: "applied")] == 12)
        #expect(snapshot.remotes["salesforce"]?.requests["200"] == 15)
        #expect(snapshot.mappings["deals"]?.openConflicts == 3, "a report without gauges keeps the last value")
        #expect(snapshot.mappings["deals"]?.lastSuccessTime == 1_700_000_100)
    }

    @Test func labelValuesAreEscaped() throws {
        var snapshot = MetricsSnapshot(build: BuildInfo(version: "1.0 \"beta\"\\x\nnext"))
        snapshot.record(CycleReport(), mapping: "we\"ird\\map\nping", finishedAt: 1, duration: .seconds(1))
        let text = PrometheusText.render(snapshot)
        #expect(text.contains(#"version="1.0 \"beta\"\\x\nnext""#))
        let families = try ExpositionParser.parse(text)
        #expect(families.first { $0.name == "channelsync_build_info" }?.samples.first?.labels["version"] == "1.0 \"beta\"\\x\nnext")
        #expect(families.first { $0.name == "channelsync_cycles_total" }?.samples.first?.labels["mapping"] == "we\"ird\\map\nping")
    }

    @Test func theParserRejectsWhatTheCollectorWouldReject() {
        let bad = [
            "metric 1",  // no final newline
            "# TYPE m gauge\nm{a=\"x\"} 1 1700000000\n",  // timestamp
            "# TYPE m gauge\nm{a=\"\\t\"} 1\n",  // bad escape
            "# TYPE m gauge\nm 1\n# TYPE m gauge\n",  // second TYPE
            "m 1\nn 1\nm 2\n",  // not contiguous
            "m{a=\"1\"} 1\nm{a=\"1\"} 2\n",  // duplicate series
            "9m 1\n",  // bad name
            "m{__a=\"1\"} 1\n",  // reserved label
            "m one\n",  // bad value
            "# some comment\n",  // not HELP/TYPE
        ]
        for text in bad {
            #expect(throws: ExpositionParser.ParseError.self, "\(text)") { try ExpositionParser.parse(text) }
        }
        #expect(throws: Never.self) { try ExpositionParser.parse("# HELP m x\\ny\n# TYPE m gauge\nm{a=\"b\",} +Inf\n") }
    }

    @Test func numbersUseTheFormatSpelling() {
        #expect(PrometheusText.number(3) == "3")
        #expect(PrometheusText.number(1.5) == "1.5")
        #expect(PrometheusText.number(.nan) == "NaN")
        #expect(PrometheusText.number(-.infinity) == "-Inf")
        #expect(ExpositionParser.parseValue(PrometheusText.number(1e20)) == 1e20)
    }

    @Test func theFileIsReplacedAtomicallyAndReadableByTheCollector() throws {
        let directory = try TemporaryDirectory.make()
        let file = MetricsFile(path: directory + "/channelsync.prom")
        try file.write(sampleSnapshot())
        try file.write(MetricsSnapshot(build: BuildInfo(version: "2")))
        #expect(try directoryEntries(directory) == ["channelsync.prom"])
        var info = stat()
        #expect(stat(file.path, &info) == 0 && info.st_mode & 0o777 == 0o644)
        let text = ControlFiles.readSmallFile(file.path) ?? ""
        #expect(text == "# HELP channelsync_build_info The running build; always 1.\n# TYPE channelsync_build_info gauge\nchannelsync_build_info{version=\"2\"} 1\n")
    }

    @Test func aMissingDirectoryIsANamedError() {
        let file = MetricsFile(path: "/nonexistent-dir/channelsync.prom")
        #expect(throws: DaemonError.self) { try file.write(sampleSnapshot()) }
        do {
            try file.write(sampleSnapshot())
        } catch {
            #expect(error.description.contains("/nonexistent-dir/channelsync.prom"))
        }
    }
}
