import SyncCore
import SyncStore

extension MappingStatus {
    /// The mapping in `status --json` (see `StatusCommand.help`).
    func json(now: Int64) -> JSONValue {
        var lag: [String: JSONValue] = [:]
        for side in Side.allCases {
            guard let cursor = cursor(side) else {
                lag[side.rawValue] = .null
                continue
            }
            lag[side.rawValue] = .object([
                "cursorSavedAt": TimeText.json(cursor.updatedAt), "highWater": TimeText.json(cursor.highWater),
                "seconds": JSONFields.number(max(0, now - cursor.updatedAt) / 1_000),
            ])
        }
        return .object([
            "mapping": .string(mapping),
            "lastCycle": lastCycle.map(Self.cycleJSON) ?? .null,
            "lastSuccessAt": TimeText.json(lastSuccessAt),
            "lag": .object(lag),
            "links": .object(Dictionary(uniqueKeysWithValues: LinkRecord.Status.allCases.map {
                ($0.rawValue, JSONFields.number(links[$0] ?? 0))
            })),
            "pendingIntents": JSONFields.number(pendingIntents),
            "openConflicts": JSONFields.number(openConflicts),
            "resolvedConflicts": JSONFields.number(resolvedConflicts),
            "failures": .object(Dictionary(uniqueKeysWithValues: [FailureRecord.State.retry, .dead, .requeued].map {
                ($0.rawValue, JSONFields.number(failures[$0] ?? 0))
            })),
            "remotes": .array(remotes.map(Self.usageJSON)),
        ])
    }

    static func cycleJSON(_ cycle: CycleRecord) -> JSONValue {
        .object([
            "id": JSONFields.number(cycle.id), "startedAt": TimeText.json(cycle.startedAt),
            "endedAt": TimeText.json(cycle.endedAt), "result": .string(cycle.result.rawValue),
            "error": JSONFields.text(cycle.error),
            "counts": .object([
                "pulledCRM": JSONFields.number(cycle.counts.pulledCRM), "pulledPRM": JSONFields.number(cycle.counts.pulledPRM),
                "writtenCRM": JSONFields.number(cycle.counts.writtenCRM), "writtenPRM": JSONFields.number(cycle.counts.writtenPRM),
                "conflicts": JSONFields.number(cycle.counts.conflicts), "failures": JSONFields.number(cycle.counts.failures),
            ]),
            "remotes": .array(cycle.remotes.map(usageJSON)),
        ])
    }

    static func usageJSON(_ usage: RemoteUsage) -> JSONValue {
        .object([
            "remote": .string(usage.remote), "requests": JSONFields.number(usage.requests),
            "throttled": JSONFields.number(usage.throttled), "quotaUsed": JSONFields.number(usage.quotaUsed),
            "quotaLimit": JSONFields.number(usage.quotaLimit), "quotaRemaining": JSONFields.number(usage.quotaRemaining),
        ])
    }

    static let tableColumns: [TextTable.Column] = [
        .init("MAPPING", max: 20), .init("LAST CYCLE", max: 20), .init("RESULT", max: 11), .init("CRM LAG", max: 8, right: true),
        .init("PRM LAG", max: 8, right: true), .init("LINKED", max: 9, right: true), .init("PENDING", max: 7, right: true),
        .init("CONFLICTS", max: 9, right: true), .init("FAILURES", max: 8, right: true), .init("DEAD", max: 6, right: true),
        .init("API CALLS 24H", max: 13, right: true), .init("QUOTA LEFT", max: 14, right: true),
    ]

    func tableCells(now: Int64) -> [String] {
        let lag = { (side: Side) in self.cursor(side).map { TimeText.age(now - $0.updatedAt) } ?? "-" }
        let open = failures.values.reduce(0, +)
        let quota = remotes.compactMap(\.quotaRemaining).min().map(String.init) ?? "-"
        return [mapping, TimeText.table(lastCycle?.startedAt), lastCycle?.result.rawValue ?? "-", lag(.crm), lag(.prm),
                String(links[.active] ?? 0), String(pendingIntents), String(openConflicts), String(open),
                String(failures[.dead] ?? 0), String(remotes.map(\.requests).reduce(0, +)), quota]
    }
}
