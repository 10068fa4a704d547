import Connectors
import SyncCore

/// `config check`'s warning for a mapping side where a create whose answer was lost (the
/// daemon killed after sending it, a dropped connection) cannot be found again: the side
/// has no `externalIdField` and no single-field match key its connector can look up
/// (`Mapping.createsCanBeSettled`, the rule the cycle's recovery follows). Such a create
/// becomes a dead letter for ops, `OUTCOME_UNKNOWN`: it may have arrived, and sending it
/// again could duplicate it. Every mapping may create records on both sides (an unmatched
/// record is created on the other side), so both sides are checked.
enum UnsettledCreateCheck {
    static let code = "createCannotBeLookedUp"

    /// One warning per such side; `read` gives a mapping file's bytes (to point at the side's key).
    static func warnings(_ configuration: Configuration,
                         read: (String) -> Result<[UInt8], ConfigLoader.ReadFailure>) -> [ConfigWarning] {
        let remotes = Dictionary(configuration.service.remotes.map { ($0.name, $0) }) { first, _ in first }
        var warnings: [ConfigWarning] = []
        for (mapping, file) in zip(configuration.mappings, configuration.mappingFiles) {
            for side in Side.allCases {
                let binding = mapping.binding(side)
                guard let remote = remotes[binding.remote] else { continue }
                let settled = mapping.createsCanBeSettled(side) { object, field in
                    DialectOptions.canLookUp(remote, object: object, field: field)
                }
                if settled { continue }
                let key = side == .crm ? "crm" : "prm"
                warnings.append(ConfigWarning(
                    file: file, position: position(ofKey: key, in: file, read: read), path: ConfigPath.root / key,
                    code: code,
                    message: "mapping '\(mapping.name)' creates records in \(binding.object) on remote '\(remote.name)' "
                        + "but cannot find one again after a crash: the \(side) side has no externalIdField and no "
                        + "single-field match key that remote can look up, so a create whose answer was lost becomes "
                        + "a dead letter (OUTCOME_UNKNOWN) for ops to check by hand (it may exist twice if resent)",
                    hint: hint(remote, object: binding.object)))
            }
        }
        return warnings.sorted()
    }

    /// The daemon's copy of the warnings: logged at start-up and on each reload, for an
    /// admin who never ran `config check`.
    static func log(_ configuration: Configuration, to logger: Logger) {
        for warning in warnings(configuration, read: ConfigFileReader.read) {
            logger.warning("config: \(warning.message)", ["file": warning.file, "hint": warning.hint ?? ""])
        }
    }

    private static func hint(_ remote: Remote, object: String) -> String {
        var text = "add '\(object)''s field that holds the other side's id as externalIdField"
        if remote.dialect == .rest {
            text += ", or a match key of one field unique on '\(remote.name)' with "
                + "options.objects.\(object).lookup.param naming the query parameter that filters \(object) by it"
        }
        return text
    }

    /// Where `key` is in the mapping file's top-level object; nil when it cannot be read
    /// (the loader read it a moment ago, so that is unlikely).
    private static func position(ofKey key: String, in file: String,
                                 read: (String) -> Result<[UInt8], ConfigLoader.ReadFailure>) -> SourcePosition? {
        guard case let .success(bytes) = read(file), let document = try? JSON5Parser.parse(bytes),
              case let .object(members) = document.root.kind else { return nil }
        return members.first { $0.key == key }?.keyPosition
    }
}
