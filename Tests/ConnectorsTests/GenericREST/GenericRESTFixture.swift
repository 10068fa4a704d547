import Foundation
import Sandbox
import SyncCore
@testable import Connectors

/// Options for the awkward generic stand-in: offset paging with a `meta.next` offset,
/// records split across `data.open` and `data.closed`, detail responses wrapped in
/// `result.record`, the new id only in `result.id`, PUT-only updates, `Token` auth.
let sandboxOptions = """
{
  "authScheme": "Token",
  "list": {"path": "/v1/{object}", "records": ["data.open", "data.closed"]},
  "paging": {"style": "offset", "pageSize": 100, "next": "meta.next"},
  "detail": {"envelope": "result.record"},
  "create": {"idPath": "result.id"},
  "update": {"method": "PUT"},
  "errors": {"code": "error.code"}
}
"""

/// A JSON object literal as options (test input, so a bad literal is a test failure).
func options(_ json: String) throws -> [String: JSONValue] {
    guard let object = try JSONParser().parse(json).objectValue else { throw GenericFixtureError.notAnObject }
    return object
}

/// `base` with `changes` laid over it, key by key (objects merged).
func options(_ json: String, changing changes: String) throws -> [String: JSONValue] {
    GenericRESTOptions.merge(try options(json), over: try options(changes))
}

enum GenericFixtureError: Error {
    case notAnObject
}

/// The generic stand-in on loopback and a connector pointed at it, on one manual clock.
struct GenericRESTFixture {
    let clock: ManualClock
    let api: GenericAPI
    let loopback: PRMLoopback
    let sleeps: RecordedSleeps
    let connector: GenericRESTConnector

    init(options settings: [String: JSONValue]? = nil, key: String = "generic-sandbox-key") throws {
        clock = ManualClock()
        api = GenericAPI(clock: .manual(clock))
        loopback = try PRMLoopback(api)
        sleeps = RecordedSleeps()
        let remote = try PRMRemote(
            dialect: .rest, baseURL: loopback.baseURL,
            auth: RemoteAuth(kind: .bearer, credentials: ["token": "generic-token"]),
            options: settings ?? options(sandboxOptions), secrets: ["generic-token": key], sleeps: sleeps)
        connector = try GenericRESTConnector(remote: remote.remote, client: remote.client, credentials: remote.credentials,
                                             clock: .manual(clock))
    }

    var store: SandboxStore { api.store }

    func count(_ route: String) -> Int { store.count(route: route) }

    /// Seeds `count` deals; every third is closed (`won`), the rest open.
    @discardableResult
    func seedDeals(_ count: Int, from start: Int = 0) throws -> [SandboxRecord] {
        try store.seed("deals", records: (start..<(start + count)).map { index in
            ["title": .string("Deal \(index)"), "reference": .string("REF-\(index)"), "amount": .number(Decimal(index)),
             "status": .string(index % 3 == 2 ? "won" : "open")]
        })
    }

    func pull(_ since: PullCursor? = nil) throws -> (pages: [ChangePage], summary: PullSummary) {
        try pullAll(connector, object: "deals", since: since)
    }
}
