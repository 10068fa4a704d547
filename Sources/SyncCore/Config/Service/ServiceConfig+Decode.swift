import Foundation

extension ServiceConfig {
    static let keys = ["stateDirectory", "credentialsDirectory", "remotes", "schedule", "daemon", "mappings"]

    /// What decoding a service file gives: the config built from every valid part
    /// (defaults where a part was wrong) and the remote names it declares, even of
    /// remotes with errors, so mapping files are not flooded with "unknown remote".
    struct Decoded {
        var config: ServiceConfig
        var remoteNames: Set<String>
    }

    static func decode(_ root: JSON5Node, with decoder: ConfigDecoder) -> Decoded {
        var config = ServiceConfig(remotes: [], mappings: [])
        var names = Set<String>()
        guard let object = decoder.object(root, at: .root, keys: keys) else { return Decoded(config: config, remoteNames: names) }
        for key in ["stateDirectory", "credentialsDirectory"] {
            guard let node = object[key], let path = decoder.nonEmptyString(node, at: object.path(key)) else { continue }
            guard path.hasPrefix("/") else {
                decoder.report(.invalidValue(path, rule: "is not an absolute path", hint: "write a path starting with '/'"),
                               node: node, path: object.path(key))
                continue
            }
            if key == "stateDirectory" { config.stateDirectory = path } else { config.credentialsDirectory = path }
        }
        if let node = decoder.required(object, "remotes"), let list = decoder.array(node, at: object.path("remotes")) {
            if list.isEmpty { decoder.report(.emptyList(what: "remotes"), node: node, path: object.path("remotes")) }
            var seen: [String: Int] = [:]
            for (index, element) in list.enumerated() {
                let path = object.path("remotes").appending(index)
                let (remote, name) = Remote.decode(element, at: path, with: decoder)
                guard let name else { continue }
                if let first = seen[name] {
                    decoder.report(.duplicateName(kind: "remote name", name: name, first: "remotes[\(first)]"),
                                   node: element, path: path.appending("name"))
                    continue
                }
                seen[name] = index
                names.insert(name)
                if let remote { config.remotes.append(remote) }
            }
        }
        if let node = object["schedule"] {
            config.schedule = Schedule.decode(node, at: object.path("schedule"), with: decoder) ?? Schedule()
        }
        if let node = object["daemon"] {
            config.daemon = DaemonSettings.decode(node, at: object.path("daemon"), with: decoder)
        }
        if let node = decoder.required(object, "mappings"), let list = decoder.array(node, at: object.path("mappings")) {
            if list.isEmpty { decoder.report(.emptyList(what: "mappings"), node: node, path: object.path("mappings")) }
            var seen: [String: Int] = [:]
            for (index, element) in list.enumerated() {
                let path = object.path("mappings").appending(index)
                guard let file = decoder.nonEmptyString(element, at: path) else { continue }
                if let first = seen[file] {
                    decoder.report(.duplicateName(kind: "mapping file", name: file, first: "mappings[\(first)]"), node: element, path: path)
                    continue
                }
                seen[file] = index
                config.mappings.append(file)
            }
        }
        return Decoded(config: config, remoteNames: names)
    }
}

extension Schedule {
    static func decode(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> Schedule? {
        guard let object = decoder.object(node, at: path, keys: ["interval", "jitter"]) else { return nil }
        var schedule = Schedule()
        if let value = object["interval"] {
            schedule.interval = decoder.duration(value, at: object.path("interval"), in: .seconds(1) ... .seconds(86400)) ?? schedule.interval
        }
        if let value = object["jitter"], let jitter = decoder.duration(value, at: object.path("jitter"), in: .zero ... .seconds(86400)) {
            if jitter >= schedule.interval {
                decoder.report(.invalidValue(DurationText.format(jitter), rule: "must be shorter than the interval (\(DurationText.format(schedule.interval)))",
                                             hint: "a jitter of a tenth of the interval is plenty"), node: value, path: object.path("jitter"))
            } else {
                schedule.jitter = jitter
            }
        } else if schedule.jitter >= schedule.interval {
            schedule.jitter = schedule.interval / 10
        }
        return schedule
    }
}
