import Foundation
import Testing

@Suite struct CLIShellTests {
    @Test func helpListsSubcommandsAndExitCodes() throws {
        let result = try BinaryRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: channelsync"))
        #expect(result.stdout.contains("EXIT CODES"))
        #expect(result.stdout.contains("64"))
        #expect(result.stdout.contains("version"))
    }

    @Test func versionPrintsTheVersion() throws {
        let result = try BinaryRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("channelsync "))
    }

    @Test func unknownSubcommandIsAUsageErrorWithAHint() throws {
        let result = try BinaryRunner.run(["bogus"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown subcommand 'bogus'"))
        #expect(result.stderr.contains("channelsync --help"))
        #expect(result.stdout.isEmpty)
    }

    @Test func typoSuggestsTheSubcommand() throws {
        let result = try BinaryRunner.run(["versoin"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("did you mean 'version'"))
    }

    @Test func unknownFlagIsAUsageError() throws {
        let result = try BinaryRunner.run(["version", "--bogus"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown option '--bogus'"))
    }

    @Test func helpForASubcommand() throws {
        let viaHelp = try BinaryRunner.run(["help", "version"])
        let viaFlag = try BinaryRunner.run(["version", "--help"])
        #expect(viaHelp.status == 0)
        #expect(viaHelp.stdout.contains("USAGE: channelsync version"))
        #expect(viaHelp.stdout == viaFlag.stdout)
        #expect(try BinaryRunner.run(["help", "nope"]).status == 64)
    }

    @Test func noArgumentsPrintsOverviewAsUsageError() throws {
        let result = try BinaryRunner.run([])
        #expect(result.status == 64)
        #expect(result.stdout.contains("SUBCOMMANDS"))
    }
}
