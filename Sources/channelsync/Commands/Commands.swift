/// Every subcommand, in the order `--help` lists them.
/// (`nonisolated(unsafe)`: metatypes are not `Sendable`, but this constant is never mutated.)
enum Commands {
    nonisolated(unsafe) static let all: [any Command.Type] = [
        VersionCommand.self,
        ConfigCheckCommand.self,
        OnceCommand.self,
        RunCommand.self,
        DemoCommand.self,
        SoakCommand.self,
        ReloadCommand.self,
        SandboxCommand.self,
        StatusCommand.self,
        JournalCommand.self,
        ShowCommand.self,
        ConflictsCommand.self,
        ConflictsResolveCommand.self,
        FailuresCommand.self,
        RetryCommand.self,
        DBCheckCommand.self,
        DBBackupCommand.self,
        DBPruneCommand.self,
        BenchReconcileCommand.self,
        BenchJournalCommand.self,
        BenchLookupCommand.self,
        BenchScenarioCommand.self,
    ]
}
