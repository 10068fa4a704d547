import SyncCore

/// How the demo's service config differs from the shipped `config/channelsync.json5`
/// (the mapping files are used verbatim). Each edit replaces text the shipped file
/// must contain, so a change there that breaks an edit fails loudly (and the demo
/// test catches it) instead of the demo running against the wrong place:
///
/// - base and token URLs: the sandbox's kernel-picked loopback ports instead of 8443/8445;
/// - `stateDirectory` and `credentialsDirectory`: inside the demo directory;
/// - `schedule`: a cycle every second without jitter, so the story moves quickly;
/// - the portal's `requestBudget`: 100 requests/s instead of 5, because the Impartner
///   API takes one request per record write and the first sync creates a few hundred
///   records (the sandbox enforces no per-second limit of its own).
enum DemoConfigEdit {
    static let interval = "1s"

    /// The shipped text each edit looks for; `DemoCommandTests` reads them too.
    static let salesforceURL = "http://127.0.0.1:8443"
    static let portalURL = "http://127.0.0.1:8445"
    static let stateDirectory = #"// stateDirectory: "/var/lib/channelsync","#
    static let credentialsDirectory = #"credentialsDirectory: "/etc/channelsync/credentials","#
    static let schedule = #"schedule: { interval: "5m", jitter: "30s" },"#
    static let portalBudget = "requestBudget: { perSecond: 5, burst: 10 },"

    /// `interval`: the schedule (the demo's 1 s; `soak` runs shorter cycles).
    static func apply(to text: String, configPath: String, salesforceURL: String, portalURL: String,
                      stateDirectory: String, credentialsDirectory: String,
                      interval: String = Self.interval) throws(DemoError) -> String {
        let header = """
        // Written by `channelsync demo`: the shipped config/channelsync.json5 pointed at the
        // sandbox this demo ran (its ports are gone now), with state and credentials in this
        // directory and a \(interval) schedule. The ops commands work on it:
        //     channelsync journal --config \(configPath)

        """
        var text = header + text
        let edits: [(String, String)] = [
            (Self.salesforceURL, salesforceURL),
            (Self.portalURL, portalURL),
            (Self.stateDirectory, "stateDirectory: \(JSONWriter.string(.string(stateDirectory))),"),
            (Self.credentialsDirectory, "credentialsDirectory: \(JSONWriter.string(.string(credentialsDirectory))),"),
            (Self.schedule, #"schedule: { interval: "\#(interval)", jitter: "0s" },"#),
            (Self.portalBudget, "requestBudget: { perSecond: 100, burst: 100 },"),
        ]
        for (shipped, demo) in edits {
            guard text.contains(shipped) else { throw .shippedConfigChanged(missing: shipped) }
            text = text.replacingOccurrences(of: shipped, with: demo)
        }
        return text
    }
}
