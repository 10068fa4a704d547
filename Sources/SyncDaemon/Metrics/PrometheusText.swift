import SyncCore

/// Renders a `MetricsSnapshot` in the Prometheus text exposition format
/// (version 0.0.4) for node_exporter's textfile collector: HELP and TYPE
/// lines, escaped label values, no timestamps (the collector refuses them),
/// families and series in a stable order. Label values pass through the
/// redactor, so a mapping or remote named after a person's email cannot leak it.
public enum PrometheusText {
    public static func render(_ snapshot: MetricsSnapshot, redactor: LogRedactor = LogRedactor()) -> String {
        let families = self.families(snapshot)
        var out = ""
        for family in families where !family.samples.isEmpty {
            out += "# HELP \(family.name) \(escapedHelp(family.help))\n"
            out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
            for sample in family.samples {
                out += family.name
                if !sample.labels.isEmpty {
                    let pairs = sample.labels.map { "\($0.0)=\"\(escapedLabel(redactor.redact(text: $0.1)))\"" }
                    out += "{" + pairs.joined(separator: ",") + "}"
                }
                out += " " + number(sample.value) + "\n"
            }
        }
        return out
    }

    static func families(_ snapshot: MetricsSnapshot) -> [MetricFamily] {
        let mappings = snapshot.mappings.sorted { $0.key < $1.key }
        let remotes = snapshot.remotes.sorted { $0.key < $1.key }

        var build = MetricFamily("channelsync_build_info", .gauge, "The running build; always 1.")
        build.add([("version", snapshot.build.version)], 1)

        var lastSuccess = MetricFamily("channelsync_last_success_timestamp_seconds", .gauge,
                                       "Unix time at which the mapping's last successful cycle ended.")
        var duration = MetricFamily("channelsync_cycle_duration_seconds", .gauge,
                                    "How long the mapping's last cycle took.")
        var cycles = MetricFamily("channelsync_cycles_total", .counter, "Cycles by result (success, failure, skipped).")
        var records = MetricFamily("channelsync_records_synced_total", .counter,
                                   "Records synced by mapping, direction, operation and result.")
        var pending = MetricFamily("channelsync_pending_intents", .gauge, "Journal intents still waiting for an outcome.")
        var conflicts = MetricFamily("channelsync_open_conflicts", .gauge, "Conflicts waiting for a human decision.")
        var dead = MetricFamily("channelsync_dead_letters", .gauge, "Writes given up on, waiting for retry or review.")
        for (name, metrics) in mappings {
            let mapping = ("mapping", name)
            if let value = metrics.lastSuccessTime { lastSuccess.add([mapping], value) }
            if let value = metrics.lastCycleDuration { duration.add([mapping], value) }
            for (result, count) in metrics.cycles.sorted(by: { $0.key < $1.key }) {
                cycles.add([mapping, ("result", result)], count)
            }
            for (key, count) in metrics.records.sorted(by: { $0.key < $1.key }) {
                records.add([mapping, ("direction", key.direction), ("operation", key.operation), ("result", key.result)], count)
            }
            if let value = metrics.pendingIntents { pending.add([mapping], value) }
            if let value = metrics.openConflicts { conflicts.add([mapping], value) }
            if let value = metrics.deadLetters { dead.add([mapping], value) }
        }

        var requests = MetricFamily("channelsync_api_requests_total", .counter,
                                    "API requests by remote and HTTP status (\"error\": no response).")
        var throttled = MetricFamily("channelsync_api_throttled_total", .counter, "API requests the remote throttled.")
        var quota = MetricFamily("channelsync_api_quota_remaining", .gauge, "API quota left, as the remote last reported it.")
        var circuit = MetricFamily("channelsync_circuit_state", .gauge,
                                   "Circuit breaker state per remote: 1 for the current state, 0 for the others.")
        for (name, metrics) in remotes {
            let remote = ("remote", name)
            for (status, count) in metrics.requests.sorted(by: { $0.key < $1.key }) {
                requests.add([remote, ("status", status)], count)
            }
            throttled.add([remote], metrics.throttled)
            if let value = metrics.quotaRemaining { quota.add([remote], value) }
            for kind in CircuitState.Kind.allCases {
                circuit.add([remote, ("state", kind.rawValue)], kind == metrics.circuit ? 1 : 0)
            }
        }
        return [build, lastSuccess, duration, cycles, records, requests, throttled, quota, pending, conflicts, dead, circuit]
    }

    /// Label values escape backslash, double quote and line feed.
    static func escapedLabel(_ value: String) -> String {
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// HELP text escapes backslash and line feed.
    static func escapedHelp(_ text: String) -> String {
        text.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
    }

    /// Integers without a fraction, others in Swift's shortest round-trip form;
    /// `NaN`, `+Inf`, `-Inf` as the format spells them.
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

private extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
