import Foundation
import Testing
@testable import SyncCore

/// `channelsync.json5`: every rule, each broken on its own, found with its key path.
@Suite struct ConfigServiceTests {
    static let crmRemote = """
    { name: "crm", dialect: "salesforce", baseURL: "https://acme.my.salesforce.com",
      auth: { kind: "oauthClientCredentials", tokenURL: "https://acme.my.salesforce.com/services/oauth2/token",
              credentials: { clientId: "sf-client-id", clientSecret: "sf-client-secret" } } }
    """

    static func service(remote: String = crmRemote, extra: String = "", mappings: String = "mappings: ['mappings/deals.json5'],") -> String {
        """
        {
          remotes: [
            \(remote),
            { name: "prm", dialect: "impartner", baseURL: "http://127.0.0.1:8444", auth: { kind: "none" } },
          ],
          \(mappings)
          \(extra)
        }
        """
    }

    static func errors(_ text: String) -> [ConfigError] {
        switch ConfigLoader.service(Array(text.utf8), file: "svc.json5") {
        case .success: []
        case let .failure(errors): errors.errors
        }
    }

    static func remote(_ replacing: String, with replacement: String) -> String {
        service(remote: crmRemote.replacingOccurrences(of: replacing, with: replacement))
    }

    @Test func theBaseIsValid() throws {
        let config = try ConfigLoader.service(Array(Self.service().utf8), file: "svc.json5").get()
        #expect(config.remotes.map(\.name) == ["crm", "prm"])
        #expect(config.remotes[0].auth.credentials == ["clientId": "sf-client-id", "clientSecret": "sf-client-secret"])
        #expect(config.remotes[0].requestBudget == RemoteBudget())
        #expect(config.schedule == Schedule(interval: .seconds(300), jitter: .seconds(30)))
        #expect(config.mappings == ["mappings/deals.json5"])
        #expect(config.daemon == DaemonSettings())
    }

    @Test func daemonSettingsAreRead() throws {
        let source = Self.service(extra: "daemon: { metricsFile: '/var/lib/m/cs.prom', stopTimeout: '5s', failureThreshold: 3, cooldown: '2m' },")
        let daemon = try ConfigLoader.service(Array(source.utf8), file: "svc.json5").get().daemon
        #expect(daemon.metricsFile == "/var/lib/m/cs.prom")
        #expect(daemon.stopTimeout == .seconds(5))
        #expect(daemon.failureThreshold == 3)
        #expect(daemon.cooldown == .seconds(120))
        #expect(daemon.stallTimeout == .seconds(600))
    }

    /// (what is broken, source, expected code, expected key path, expected hint fragment)
    @Test(arguments: [
        ("unknown top-level key", service(extra: "stateDirectry: '/var/lib/x',"), "unknownKey", "stateDirectry", "did you mean 'stateDirectory'"),
        ("relative state directory", service(extra: "stateDirectory: 'state',"), "invalidValue", "stateDirectory", "'/'"),
        ("missing dialect", remote("dialect: \"salesforce\",", with: ""), "missingKey", "remotes[0].dialect", "add 'dialect'"),
        ("misspelt dialect", remote("\"salesforce\"", with: "\"salesfroce\""), "notOneOf", "remotes[0].dialect", "did you mean 'salesforce'"),
        ("dialect as a number", remote("\"salesforce\"", with: "1"), "wrongType", "remotes[0].dialect", ""),
        ("not a URL", remote("baseURL: \"https://acme.my.salesforce.com\"", with: "baseURL: \"acme\""), "invalidValue", "remotes[0].baseURL", "https://"),
        ("ftp URL", remote("baseURL: \"https://acme.my.salesforce.com\"", with: "baseURL: \"ftp://acme.example\""), "invalidValue", "remotes[0].baseURL", "https"),
        ("plain http to a remote host", remote("baseURL: \"https://", with: "baseURL: \"http://"), "invalidValue", "remotes[0].baseURL", "localhost"),
        ("password in the URL", remote("baseURL: \"https://acme.my", with: "baseURL: \"https://admin:hunter2@acme.my"), "literalSecret", "remotes[0].baseURL", "LoadCredential"),
        ("key in the query", remote("salesforce.com\",", with: "salesforce.com/?api_key=abc\","), "literalSecret", "remotes[0].baseURL", "LoadCredential"),
        ("OAuth without token URL", remote("tokenURL: \"https://acme.my.salesforce.com/services/oauth2/token\",", with: ""),
         "missingKey", "remotes[0].auth.tokenURL", "add 'tokenURL'"),
        ("unknown auth kind", remote("oauthClientCredentials", with: "oauthClientCredential"), "notOneOf", "remotes[0].auth.kind", "did you mean"),
        ("missing credential role", remote("clientId: \"sf-client-id\", ", with: ""), "missingKey", "remotes[0].auth.credentials.clientId", "add 'clientId'"),
        ("misspelt credential role", remote("clientSecret:", with: "clientSecrte:"), "unknownKey", "remotes[0].auth.credentials.clientSecrte",
         "did you mean 'clientSecret'"),
        ("credential name with a slash", remote("\"sf-client-secret\"", with: "\"secrets/sf\""), "invalidValue",
         "remotes[0].auth.credentials.clientSecret", "1-64 letters"),
        ("password key in auth", remote("kind: \"oauthClientCredentials\",", with: "kind: \"oauthClientCredentials\", password: \"hunter2\","),
         "literalSecret", "remotes[0].auth.password", "LoadCredential"),
        ("api key beside the remote", remote("dialect:", with: "apiKey: \"abc\", dialect:"), "literalSecret", "remotes[0].apiKey", "LoadCredential"),
        ("token in connector options", remote("dialect:", with: "options: { apiVersion: '61.0', token: 'abc' }, dialect:"), "literalSecret",
         "remotes[0].options.token", "LoadCredential"),
        ("header on a bearer remote", service(remote: "{ name: 'crm', dialect: 'hubspot', baseURL: 'https://api.hubapi.com', auth: { kind: 'bearer', header: 'X-Key', credentials: { token: 'hubspot-token' } } }"),
         "invalidValue", "remotes[0].auth.header", "remove it"),
        ("bearer without credentials", service(remote: "{ name: 'crm', dialect: 'hubspot', baseURL: 'https://api.hubapi.com', auth: { kind: 'bearer' } }"),
         "missingKey", "remotes[0].auth.credentials", "add 'credentials'"),
        ("NaN rate", remote("dialect:", with: "requestBudget: { perSecond: NaN }, dialect:"), "nonFiniteNumber", "remotes[0].requestBudget.perSecond", "finite"),
        ("+Infinity burst", remote("dialect:", with: "requestBudget: { burst: +Infinity }, dialect:"), "nonFiniteNumber", "remotes[0].requestBudget.burst", "finite"),
        ("rate as a string", remote("dialect:", with: "requestBudget: { perSecond: '10' }, dialect:"), "wrongType", "remotes[0].requestBudget.perSecond", ""),
        ("zero burst", remote("dialect:", with: "requestBudget: { burst: 0 }, dialect:"), "invalidValue", "remotes[0].requestBudget.burst", "whole number"),
        ("fractional burst", remote("dialect:", with: "requestBudget: { burst: 1.5 }, dialect:"), "invalidValue", "remotes[0].requestBudget.burst", "whole number"),
        ("duration as a number", remote("dialect:", with: "timeouts: { connect: 10 }, dialect:"), "wrongType", "remotes[0].timeouts.connect", ""),
        ("duration without unit", remote("dialect:", with: "timeouts: { connect: '10 seconds' }, dialect:"), "invalidValue", "remotes[0].timeouts.connect", "90s"),
        ("total shorter than connect", remote("dialect:", with: "timeouts: { connect: '30s', total: '10s' }, dialect:"), "invalidValue",
         "remotes[0].timeouts.total", "longer"),
        ("bad interval", service(extra: "schedule: { interval: '5x' },"), "invalidValue", "schedule.interval", "5m"),
        ("jitter not below interval", service(extra: "schedule: { interval: '1m', jitter: '2m' },"), "invalidValue", "schedule.jitter", "tenth"),
        ("metrics file not .prom", service(extra: "daemon: { metricsFile: '/tmp/m.txt' },"), "invalidValue", "daemon.metricsFile", ".prom"),
        ("daemon threshold zero", service(extra: "daemon: { failureThreshold: 0 },"), "invalidValue", "daemon.failureThreshold", ""),
        ("max cooldown below cooldown", service(extra: "daemon: { cooldown: '10m', maxCooldown: '1m' },"), "invalidValue", "daemon.maxCooldown", "at least"),
        ("unknown daemon key", service(extra: "daemon: { stopTimout: '5s' },"), "unknownKey", "daemon.stopTimout", "stopTimeout"),
        ("duplicate remote", service(remote: crmRemote.replacingOccurrences(of: "\"crm\"", with: "\"prm\"")), "duplicateName", "remotes[1].name", "unique"),
        ("remote name with spaces", remote("name: \"crm\"", with: "name: \"Sales Force\""), "invalidValue", "remotes[0].name", "e.g."),
        ("no mappings", service(mappings: "mappings: [],"), "emptyList", "mappings", "at least one"),
        ("mappings missing", service(mappings: ""), "missingKey", "mappings", "add 'mappings'"),
        ("duplicate mapping file", service(mappings: "mappings: ['a.json5', 'a.json5'],"), "duplicateName", "mappings[1]", "unique"),
        ("remotes not a list", "{ remotes: {}, mappings: ['a.json5'] }", "wrongType", "remotes", ""),
    ])
    func rejects(_ what: String, source: String, code: String, path: String, hint: String) {
        let errors = Self.errors(source)
        #expect(errors.count == 1, "\(what): \(errors.map(\.description))")
        guard let error = errors.first else { return }
        #expect(error.problem.code == code, "\(what): \(error)")
        #expect(error.path.description == path, "\(what): \(error)")
        #expect(error.position != nil, "\(what)")
        #expect(error.file == "svc.json5")
        if !hint.isEmpty { #expect(error.hint?.contains(hint) == true, "\(what): \(error)") }
    }

    /// A secret where a credential name belongs is refused, and never repeated in the message.
    @Test(arguments: [
        "Bearer eyJhbGciOiJIUzI1NiJ9",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
        "pat-na1-11111111-2222-3333-4444-555555555555",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcDEF123xyz",
        "3MVG9fTLmJ60pJ5JdkJHsT8W2nQ7xZk1",
        "d41d8cd98f00b204e9800998ecf8427e",
        "correct horse battery staple",
        "00D5e000000abcd!AQ0AQHxyz",
        "c2VjcmV0LXZhbHVlLWJhc2U2NA==",
        String(repeating: "a", count: 65),
    ])
    func refusesLiteralSecretsWithoutEchoingThem(secret: String) {
        let errors = Self.errors(Self.remote("\"sf-client-secret\"", with: "'\(secret)'"))
        #expect(errors.map(\.problem.code) == ["literalSecret"], "\(errors.map(\.description))")
        for error in errors {
            #expect(!error.description.contains(secret))
            #expect(!error.description.contains(String(secret.prefix(12))))
        }
    }

    @Test(arguments: ["salesforce-client-secret", "hubspot-private-app-token", "partner-portal-api-token", "sf.client_id@prod",
                      "Opportunity2024Partner", "impartner_v2_key"])
    func acceptsCredentialNames(name: String) {
        #expect(Self.errors(Self.remote("\"sf-client-secret\"", with: "'\(name)'")).isEmpty)
    }

    @Test func reportsEveryProblemAtOnce() {
        let source = """
        {
          remotes: [
            { name: 'crm', dialect: 'salesfroce', baseURL: 'ftp://x', auth: { kind: 'bearer', credentials: { token: 'Bearer abcdef' } },
              requestBudget: { perSecond: NaN } },
          ],
          mapings: ['a.json5'],
        }
        """
        let errors = Self.errors(source)
        #expect(errors.map(\.problem.code) == ["notOneOf", "invalidValue", "literalSecret", "nonFiniteNumber", "unknownKey"])
        #expect(errors.map(\.position?.line) == [3, 3, 3, 4, 6])
    }

    @Test func durationsParseAndPrint() {
        #expect(DurationText.parse("90s") == .seconds(90))
        #expect(DurationText.parse("5m") == .seconds(300))
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("250ms") == .milliseconds(250))
        #expect(DurationText.parse("2d") == .seconds(172_800))
        for bad in ["", "5", "m", "5 m", "5M", "-5s", "1.5h", "99999999999999h"] {
            #expect(DurationText.parse(bad) == nil, "\(bad)")
        }
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.milliseconds(250)) == "250ms")
        #expect(DurationText.format(.zero) == "0s")
    }

    @Test func stateAndCredentialDirectoriesFollowSystemd() {
        var config = ServiceConfig(remotes: [], mappings: [])
        #expect(config.stateDirectory(environment: [:]) == "/var/lib/channelsync")
        #expect(config.stateDirectory(environment: ["STATE_DIRECTORY": "/var/lib/cs:/var/lib/other"]) == "/var/lib/cs")
        #expect(config.credentialPath("sf", environment: [:]) == nil)
        #expect(config.credentialPath("sf", environment: ["CREDENTIALS_DIRECTORY": "/run/credentials/channelsync.service"])
            == "/run/credentials/channelsync.service/sf")
        config.stateDirectory = "/srv/cs"
        config.credentialsDirectory = "/etc/channelsync/credentials/"
        #expect(config.stateDirectory(environment: ["STATE_DIRECTORY": "/var/lib/cs"]) == "/srv/cs")
        #expect(config.credentialPath("sf", environment: [:]) == "/etc/channelsync/credentials/sf")
    }
}
