extension DaemonSettings {
    static let keys = ["metricsFile", "stopTimeout", "stallTimeout", "progressInterval", "failureThreshold", "cooldown", "maxCooldown"]

    static func decode(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> DaemonSettings {
        var settings = DaemonSettings()
        guard let object = decoder.object(node, at: path, keys: keys) else { return settings }
        if let value = object["metricsFile"], let file = decoder.nonEmptyString(value, at: object.path("metricsFile")) {
            if file.hasPrefix("/"), file.hasSuffix(".prom") {
                settings.metricsFile = file
            } else {
                decoder.report(.invalidValue(file, rule: "must be an absolute path ending in .prom",
                                             hint: "node_exporter's textfile collector reads only *.prom files"),
                               node: value, path: object.path("metricsFile"))
            }
        }
        let durations: [(String, WritableKeyPath<DaemonSettings, Duration>, ClosedRange<Duration>)] = [
            ("stopTimeout", \.stopTimeout, .seconds(1) ... .seconds(3600)),
            ("stallTimeout", \.stallTimeout, .seconds(10) ... .seconds(86400)),
            ("progressInterval", \.progressInterval, .seconds(1) ... .seconds(3600)),
            ("cooldown", \.cooldown, .seconds(1) ... .seconds(86400)),
            ("maxCooldown", \.maxCooldown, .seconds(1) ... .seconds(7 * 86400)),
        ]
        for (key, keyPath, range) in durations {
            if let value = object[key], let duration = decoder.duration(value, at: object.path(key), in: range) {
                settings[keyPath: keyPath] = duration
            }
        }
        if let value = object["failureThreshold"],
           let threshold = decoder.integer(value, at: object.path("failureThreshold"), in: 1 ... 1000) {
            settings.failureThreshold = threshold
        }
        if settings.maxCooldown < settings.cooldown, let value = object["maxCooldown"] {
            decoder.report(.invalidValue(DurationText.format(settings.maxCooldown), rule: "must not be shorter than cooldown",
                                         hint: "make maxCooldown at least \(DurationText.format(settings.cooldown))"),
                           node: value, path: object.path("maxCooldown"))
            settings.maxCooldown = settings.cooldown
        }
        return settings
    }
}
