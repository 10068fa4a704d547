import Foundation

extension Remote {
    static let keys = ["name", "dialect", "baseURL", "auth", "requestBudget", "timeouts", "options"]

    /// The remote (nil when any part is wrong) and its name (when that part is right).
    static func decode(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> (Remote?, String?) {
        guard let object = decoder.object(node, at: path, keys: keys) else { return (nil, nil) }
        let errorsBefore = decoder.errors.count
        var name: String?
        if let value = decoder.required(object, "name"), let text = decoder.string(value, at: object.path("name")) {
            if Names.isName(text) {
                name = text
            } else {
                decoder.report(.invalidValue(text, rule: Names.rule, hint: Names.hint), node: value, path: object.path("name"))
            }
        }
        let dialect = decoder.required(object, "dialect").flatMap { decoder.choice($0, at: object.path("dialect"), as: RemoteDialect.self) }
        let baseURL = decoder.required(object, "baseURL").flatMap { URLRule.check($0, at: object.path("baseURL"), with: decoder) }
        let auth = decoder.required(object, "auth").flatMap { RemoteAuth.decode($0, at: object.path("auth"), with: decoder) }
        let budget = object["requestBudget"].map { RemoteBudget.decode($0, at: object.path("requestBudget"), with: decoder) } ?? RemoteBudget()
        let timeouts = object["timeouts"].map { RemoteTimeouts.decode($0, at: object.path("timeouts"), with: decoder) } ?? RemoteTimeouts()
        var options: [String: JSONValue] = [:]
        if let value = object["options"], let members = decoder.members(value, at: object.path("options")) {
            // Keys here are the connector's to check; only secrets are refused now.
            for member in members {
                options[member.key] = OptionsRule.value(member.value, key: member.key, at: object.path("options").appending(member.key), with: decoder)
            }
        }
        guard decoder.errors.count == errorsBefore, let name, let dialect, let baseURL, let auth else { return (nil, name) }
        return (Remote(name: name, dialect: dialect, baseURL: baseURL, auth: auth, requestBudget: budget,
                             timeouts: timeouts, options: options), name)
    }
}

extension RemoteAuth {
    static let keys = ["kind", "tokenURL", "credentials", "header", "scope"]

    static func decode(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> RemoteAuth? {
        guard let object = decoder.object(node, at: path, keys: keys) else { return nil }
        guard let kind = decoder.required(object, "kind").flatMap({ decoder.choice($0, at: object.path("kind"), as: AuthKind.self) }) else {
            return nil
        }
        var auth = RemoteAuth(kind: kind)
        if let value = object["tokenURL"] {
            auth.tokenURL = URLRule.check(value, at: object.path("tokenURL"), with: decoder)
            if !kind.needsTokenURL {
                decoder.report(.invalidValue("", rule: "tokenURL is only used by the OAuth kinds, not '\(kind.rawValue)'",
                                             hint: "remove it"), node: value, path: object.path("tokenURL"))
            }
        } else if kind.needsTokenURL, !object.hasMisspelling(of: "tokenURL") {
            decoder.report(.missingKey("tokenURL"), node: object.node, path: object.path("tokenURL"))
        }
        let roles = kind.requiredRoles
        if let value = object["credentials"] {
            if let credentials = decoder.object(value, at: object.path("credentials"), keys: roles, flagSecretKeys: false) {
                for member in credentials.members where roles.contains(member.key) {
                    if let name = CredentialRule.name(member.value, at: credentials.path(member.key), with: decoder) {
                        auth.credentials[member.key] = name
                    }
                }
                for role in roles where !credentials.has(role) && !credentials.hasMisspelling(of: role) {
                    decoder.report(.missingKey(role), node: value, path: credentials.path(role))
                }
            }
        } else if !roles.isEmpty, !object.hasMisspelling(of: "credentials") {
            decoder.report(.missingKey("credentials"), node: object.node, path: object.path("credentials"))
        }
        if let value = object["header"] {
            if kind != .apiKey {
                decoder.report(.invalidValue("", rule: "header is only used by kind 'apiKey'", hint: "remove it"), node: value, path: object.path("header"))
            } else if let header = decoder.nonEmptyString(value, at: object.path("header")) {
                let token = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~").union(.alphanumerics)
                if header.unicodeScalars.allSatisfy({ $0.isASCII && token.contains($0) }) {
                    auth.header = header
                } else {
                    decoder.report(.invalidValue(header, rule: "is not an HTTP header name", hint: "e.g. \"X-API-Key\""),
                                   node: value, path: object.path("header"))
                }
            }
        }
        if let value = object["scope"] {
            auth.scope = decoder.string(value, at: object.path("scope"))
        }
        return auth
    }
}

extension RemoteBudget {
    static func decode(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> RemoteBudget {
        var budget = RemoteBudget()
        guard let object = decoder.object(node, at: path, keys: ["perSecond", "burst", "perDay"]) else { return budget }
        if let value = object["perSecond"], let rate = decoder.number(value, at: object.path("perSecond")) {
            if rate > 0, rate <= 10000 {
                budget.perSecond = NSDecimalNumber(decimal: rate).doubleValue
            } else {
                decoder.report(.invalidValue(rate.description, rule: "is out of range", hint: "requests per second, more than 0 and at most 10000"),
                               node: value, path: object.path("perSecond"))
            }
        }
        if let value = object["burst"], let burst = decoder.integer(value, at: object.path("burst"), in: 1...100_000) {
            budget.burst = burst
        }
        if let value = object["perDay"], let daily = decoder.integer(value, at: object.path("perDay"), in: 1...1_000_000_000) {
            budget.perDay = daily
        }
        return budget
    }
}

extension RemoteTimeouts {
    static func decode(_ node: JSON5Node, at path: ConfigPath, with decoder: ConfigDecoder) -> RemoteTimeouts {
        var timeouts = RemoteTimeouts()
        guard let object = decoder.object(node, at: path, keys: ["connect", "total"]) else { return timeouts }
        if let value = object["connect"], let connect = decoder.duration(value, at: object.path("connect"), in: .milliseconds(100) ... .seconds(300)) {
            timeouts.connect = connect
        }
        if let value = object["total"], let total = decoder.duration(value, at: object.path("total"), in: .seconds(1) ... .seconds(3600)) {
            if total < timeouts.connect {
                decoder.report(.invalidValue(DurationText.format(total), rule: "is shorter than the connect timeout",
                                             hint: "the total covers connecting too; make it longer"), node: value, path: object.path("total"))
            } else {
                timeouts.total = total
            }
        }
        return timeouts
    }
}
