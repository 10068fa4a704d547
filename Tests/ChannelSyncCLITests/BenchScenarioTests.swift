import Foundation
import SyncCore
import Testing

/// `channelsync bench SCENARIO` at tiny sizes: every scenario runs the daemon's cycle
/// end to end and reports the figures; requests stay within 1.05 x the minimum. No timing
/// assertions (the machine may be loaded): timing targets are shown by the command.
@Suite struct BenchScenarioTests {
    struct Run {
        let json: [String: JSONValue]
        func number(_ key: String) -> Double? { BenchScenarioTests.number(json[key]) }
    }

    private func runs(_ scenario: String, records: Int, options: [String] = []) throws -> [Run] {
        let result = try BinaryRunner.run(["bench", scenario, "--records", String(records), "--json"] + options)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            guard case let .object(members) = try JSONParser().parse(Data(line.utf8)) else {
                throw BenchTestFailure.notAnObject(String(line))
            }
            return Run(json: members)
        }
    }

    enum BenchTestFailure: Error { case notAnObject(String) }

    static func number(_ value: JSONValue?) -> Double? {
        guard case let .number(decimal)? = value else { return nil }
        return NSDecimalNumber(decimal: decimal).doubleValue
    }

    @Test(arguments: [("initial", 2), ("steady", 1), ("idle", 1), ("fullscan", 1)])
    func scenarioReportsFiguresWithinTheRequestTarget(scenario: String, legs: Int) throws {
        let runs = try runs(scenario, records: 30)
        #expect(runs.count == legs)
        for run in runs {
            for key in ["wall_seconds", "cpu_seconds", "peak_rss_bytes", "api_requests", "minimum_api_requests",
                        "raw_transfer_seconds"] {
                #expect(run.number(key) != nil, "\(scenario): \(key) missing")
            }
            let requests = try #require(run.number("api_requests")), minimum = try #require(run.number("minimum_api_requests"))
            #expect(minimum > 0)
            #expect(requests <= 1.05 * minimum, "\(scenario): \(requests) requests for a minimum of \(minimum)")
            #expect((run.number("peak_rss_bytes") ?? 0) > 0)
            #expect(run.number("raw_transfer_refused") == 0, "\(scenario): the replay was refused")
            // The CPU beside the daemon, in seconds: at most what the cores give in the time it
            // was measured over; the raw loop's client is one thread, so at most its wall time.
            let cores = try #require(run.number("cores")), wall = try #require(run.number("wall_seconds"))
            let rawWall = try #require(run.number("raw_transfer_seconds"))
            let sandbox = try #require(run.number("sandbox_cpu_seconds"))
            #expect(cores >= 1 && sandbox <= wall * cores + 0.01, "\(scenario): sandbox CPU \(sandbox) s in \(wall) s")
            let client = try #require(run.number("raw_transfer_client_cpu_seconds"))
            #expect(client <= rawWall + 0.002, "\(scenario): client CPU \(client) s in \(rawWall) s")
            let rawSandbox = try #require(run.number("raw_transfer_sandbox_cpu_seconds"))
            #expect(rawSandbox <= rawWall * cores + 0.01, "\(scenario): sandbox CPU \(rawSandbox) s in \(rawWall) s")
        }
    }

    @Test func idleCostsOnePullPerSide() throws {
        let run = try #require(try runs("idle", records: 30).first)
        // Salesforce: one token request and one query; Impartner: one list request.
        guard case let .object(perRemote)? = run.json["requests_per_remote"] else {
            Issue.record("requests_per_remote missing")
            return
        }
        #expect(Self.number(perRemote["salesforce"]) == 2)
        #expect(Self.number(perRemote["partner-portal"]) == 1)
    }

    @Test func directionRunsOneLegOfTheInitialSync() throws {
        let runs = try runs("initial", records: 20, options: ["--direction", "to-crm"])
        #expect(runs.map { $0.json["run"] } == [.string("initial (PRM to empty CRM)")])
    }

    /// `--repeat`: the data seeded once is put back before each run, so every run does the
    /// same work; the last object holds the medians.
    @Test(arguments: [("steady", [String]()), ("initial", ["--direction", "to-crm"]), ("fullscan", [])])
    func repeatRunsTheSameWorkAgainAndReportsTheMedians(scenario: String, options: [String]) throws {
        let runs = try runs(scenario, records: 200, options: ["--repeat", "3"] + options)
        #expect(runs.count == 4)
        #expect(runs.map { $0.number("repeat") } == [1, 2, 3, nil])
        #expect(runs.map { $0.number("repeats") } == [3, 3, 3, 3])
        #expect(runs.map { $0.json["statistic"] } == [nil, nil, nil, .string("median")])
        let measured = runs.prefix(3)
        // Put back each time: every run pulls and writes all the seeded data again (without it,
        // a second run finds nothing new to write and sends a few pull requests).
        for run in measured {
            let requests = try #require(run.number("api_requests")), minimum = try #require(run.number("minimum_api_requests"))
            #expect(requests >= minimum, "run \(run.number("repeat") ?? 0): \(requests) requests, minimum \(minimum)")
            #expect(run.number("raw_transfer_refused") == 0)
        }
        for key in ["wall_seconds", "cpu_seconds", "raw_transfer_seconds", "peak_rss_bytes", "sandbox_cpu_seconds",
                    "raw_transfer_client_cpu_seconds", "raw_transfer_sandbox_cpu_seconds"] {
            let values = try measured.map { try #require($0.number(key)) }.sorted()
            #expect(runs[3].number(key) == values[1], "\(key): the median of \(values)")
        }
    }

    @Test func repeatOutsideItsRangeIsAUsageError() throws {
        let result = try BinaryRunner.run(["bench", "steady", "--repeat", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--repeat"))
    }

    @Test func directionIsRefusedOutsideTheInitialScenarioOrWhenUnknown() throws {
        let steady = try BinaryRunner.run(["bench", "steady", "--direction", "to-crm"])
        #expect(steady.status == 64)
        #expect(steady.stderr.contains("--direction applies to the initial scenario only"))
        let sideways = try BinaryRunner.run(["bench", "initial", "--direction", "sideways"])
        #expect(sideways.status == 64)
        #expect(sideways.stderr.contains("unknown direction 'sideways'"))
    }

    @Test func unknownScenarioIsAUsageError() throws {
        let result = try BinaryRunner.run(["bench", "sideways"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown scenario 'sideways'"))
    }
}
