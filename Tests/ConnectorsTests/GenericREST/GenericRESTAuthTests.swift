import Foundation
import Synchronization
import Testing
import Sandbox
import SyncCore
import SyncHTTP
@testable import Connectors

/// Auth paths the stand-ins do not cover: OAuth client credentials for a `rest` remote,
/// `apiKey` headers, and an API that echoes the credential into an error body.
@Suite("Generic REST authentication")
struct GenericRESTAuthTests {
    static let json = #"{"list": {"path": "/{object}", "records": "items"}, "paging": {"style": "none"}}"#

    /// `POST /token` mints `tok-N` for the right client; `/items` wants the newest token
    /// (or the `X-Portal-Key`); `POST /items` refuses with the Authorization header echoed.
    final class TinyAPI: Sendable {
        let server: LoopbackHTTPServer

        init() throws {
            let minted = Mutex(0)
            server = try LoopbackHTTPServer { request in
                let authorization = request.headers["Authorization"] ?? ""
                switch (request.method, request.path) {
                case ("POST", "/token"):
                    let form = request.bodyText
                    guard form.contains("grant_type=client_credentials"), form.contains("client_secret=s3cr3t-value") else {
                        return .respond(.json(401, #"{"error": "invalid_client", "error_description": "bad client"}"#))
                    }
                    let token = minted.withLock { count -> Int in
                        count += 1
                        return count
                    }
                    return .respond(.json(200, #"{"access_token": "tok-\#(token)", "expires_in": 3600}"#))
                case ("GET", "/items"):
                    let current = minted.withLock { $0 }
                    guard authorization == "Bearer tok-\(current)" || request.headers["X-Portal-Key"] == "key-123456" else {
                        return .respond(.json(401, #"{"message": "no"}"#))
                    }
                    return .respond(.json(200, #"{"items": [{"id": 1}, {"id": 2}]}"#))
                default:
                    return .respond(.json(400, #"{"message": "cannot use credentials '\#(authorization)\#(request.headers["X-Portal-Key"] ?? "")'"}"#))
                }
            }
        }
    }

    func connector(_ api: TinyAPI, auth: RemoteAuth, secrets: [String: String]) throws -> GenericRESTConnector {
        let remote = Remote(name: "tiny", dialect: .rest, baseURL: api.server.baseURL, auth: auth, options: try options(Self.json))
        let client = try HTTPClient(remote: testRemote("tiny", redaction: KeyAuthentication.redaction(for: auth)))
        return try GenericRESTConnector(remote: remote, client: client, credentials: .fixed(secrets))
    }

    @Test("OAuth client credentials: a token is minted once and used")
    func oauth() throws {
        let api = try TinyAPI()
        let auth = RemoteAuth(kind: .oauthClientCredentials, tokenURL: api.server.baseURL + "/token",
                              credentials: ["clientId": "tiny-id", "clientSecret": "tiny-secret"])
        let connector = try connector(api, auth: auth, secrets: ["tiny-id": "client-1", "tiny-secret": "s3cr3t-value"])
        #expect(try pullAll(connector, object: "items", since: nil).pages.records.map(\.id) == ["1", "2"])
        #expect(try pullAll(connector, object: "items", since: nil).pages.records.count == 2)
        #expect(api.server.requestCount == 3, "one token request, two lists")
        #expect(connector.usage().requests == 3)
    }

    @Test("OAuth with a wrong secret is a token refusal that never shows the secret")
    func oauthRefused() throws {
        let api = try TinyAPI()
        let auth = RemoteAuth(kind: .oauthClientCredentials, tokenURL: api.server.baseURL + "/token",
                              credentials: ["clientId": "tiny-id", "clientSecret": "tiny-secret"])
        let connector = try connector(api, auth: auth, secrets: ["tiny-id": "client-1", "tiny-secret": "wrong-secret-value"])
        let error = expectConnectorError { _ = try pullAll(connector, object: "items", since: nil) }
        #expect(error?.kind == .tokenRefused)
        #expect(!String(describing: error).contains("wrong-secret-value"))
    }

    @Test("a missing credential is named; a missing credential file is not a crash")
    func missingCredential() throws {
        let api = try TinyAPI()
        let connector = try connector(api, auth: RemoteAuth(kind: .bearer, credentials: ["token": "tiny-token"]), secrets: [:])
        let error = expectConnectorError { _ = try pullAll(connector, object: "items", since: nil) }
        #expect(error == .missingCredential(remote: "tiny", name: "tiny-token"))
    }

    @Test("an apiKey header works, and a refusal that echoes it keeps the body but not the key")
    func apiKeyEchoed() throws {
        let api = try TinyAPI()
        let auth = RemoteAuth(kind: .apiKey, credentials: ["apiKey": "tiny-key"], header: "X-Portal-Key")
        let connector = try connector(api, auth: auth, secrets: ["tiny-key": "key-123456"])
        #expect(try pullAll(connector, object: "items", since: nil).pages.records.count == 2)
        let outcomes = try connector.write(WriteBatch(object: "items", externalIdField: nil, writes: [
            RecordWrite(key: "a", operation: .create, fields: .object(["name": .string("A")])),
        ]))
        let failure = try #require(outcomes.first?.failure)
        #expect(failure.status == 400)
        #expect(failure.message == #"{"message": "cannot use credentials '[REDACTED]'"}"#)
        #expect(!(failure.raw ?? "").contains("key-123456"))
    }

    @Test("a bearer key echoed in a refusal is masked too")
    func bearerEchoed() throws {
        let api = try TinyAPI()
        let connector = try connector(api, auth: RemoteAuth(kind: .bearer, credentials: ["token": "tiny-token"]),
                                      secrets: ["tiny-token": "tok-very-secret"])
        let outcomes = try connector.write(WriteBatch(object: "items", externalIdField: nil, writes: [
            RecordWrite(key: "a", operation: .create, fields: .object(["name": .string("A")])),
        ]))
        let message = try #require(outcomes.first?.failure?.message)
        #expect(!message.contains("tok-very-secret"))
        #expect(message.contains(Redaction.placeholder))
    }
}
