import SyncCore

/// `channelsync config check`: validates the service config and every mapping file
/// it lists, and reports all problems at once with file:line:column and a fix.
struct ConfigCheckCommand: Command {
    static let path = ["config", "check"]
    static let summary = "Validate channelsync.json5 and its mapping files, listing every error"
    static let help = """
    USAGE: channelsync config check [--config PATH] [--json]

    Reads the service config and every mapping file it lists, checks them all, and
    reports every problem at once: unknown keys (with "did you mean"), wrong types,
    unknown fields in match keys and scope filters, two-way value maps that cannot
    be written back, 'manual' policies on one-way fields, duplicate field paths,
    secrets written into the file instead of credential names, and JSON5 syntax.
    A valid config is also checked for things that run but should change: a mapping
    side with no externalIdField and no match key its remote can look up (a create
    whose answer is lost in a crash cannot be found again and is left for ops).

    OPTIONS:
      --config PATH   The service config (channelsync.json5) to check
      --json          Print the result as one JSON document on stdout
      -h, --help      Show this help

    CONFIG LOCATION:
    \(ConfigLocation.documentation)

    OUTPUT:
      Each error is one line on stderr, sorted by file and position:
        FILE:LINE:COL: error: KEY.PATH: MESSAGE (hint: FIX)
      then a one-line summary. A valid config prints one summary line on stdout,
      after its warnings (if any), one line each on stderr:
        FILE:LINE:COL: warning: KEY.PATH: MESSAGE (hint: FIX)
      With --json, stdout holds:
        {"valid": BOOL, "config": PATH,
         "errors": [{"file": PATH, "line": N|null, "column": N|null, "path": "fields[3].crmTransforms[0]",
                     "code": "unknownKey", "message": TEXT, "hint": TEXT|null}],
         "mappings": [{"name": NAME, "file": PATH, "fields": N}],
         "warnings": [same shape as errors, "code": "createCannotBeLookedUp"]}
      (line and column are null for whole-file problems such as a missing file;
      "mappings" and "warnings" are filled only when the config is valid.)

    EXIT CODES:
      0   the config is valid (warnings do not change this)
      1   the config has errors (all are listed)
      64  usage error
    """

    let configOption: String?
    let json: Bool

    init(arguments: inout Arguments) throws(CLIError) {
        configOption = try arguments.option("--config")
        json = arguments.flag("--json")
        if configOption?.isEmpty == true { throw .usage("--config needs a path") }
    }

    func run(console: Console) throws(CLIError) -> ExitStatus {
        let location = ConfigLocation.resolve(option: configOption)
        var report = ConfigReport(configPath: location.path,
                                  result: ConfigurationLoading.load(path: location.path))
        if case let .success(configuration) = report.result {
            report.warnings = UnsettledCreateCheck.warnings(configuration, read: ConfigFileReader.read)
        }
        if json {
            console.out(report.json)
        } else if report.isValid {
            for line in report.warningLines { console.err(line) }
            console.out(report.summary)
        } else {
            for line in report.errorLines { console.err(line) }
            console.err(report.summary)
        }
        return report.isValid ? .success : .failure
    }
}
