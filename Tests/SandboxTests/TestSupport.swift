import Foundation
import Testing
@testable import Sandbox
import SyncCore

/// Requests and response readers shared by the sandbox tests.
extension HTTPServerRequest {
    static func get(_ target: String, bearer: String? = nil, scheme: String = "Bearer",
                    headers: [(String, String)] = []) -> HTTPServerRequest {
        HTTPServerRequest(method: "GET", target: target, headers: makeHeaders(authorization(bearer, scheme) + headers))
    }

    static func send(_ method: String, _ target: String, json: String, bearer: String? = nil,
                     scheme: String = "Bearer") -> HTTPServerRequest {
        HTTPServerRequest(method: method, target: target,
                          headers: makeHeaders(authorization(bearer, scheme) + [("Content-Type", "application/json")]),
                          body: Data(json.utf8))
    }

    static func send(_ method: String, _ target: String, value: JSONValue, bearer: String? = nil,
                     scheme: String = "Bearer") -> HTTPServerRequest {
        send(method, target, json: JSONWriter.string(value), bearer: bearer, scheme: scheme)
    }

    static func form(_ target: String, _ fields: [(String, String)]) -> HTTPServerRequest {
        let body = fields.map { "\($0.0)=\(encoded($0.1))" }.joined(separator: "&")
        return HTTPServerRequest(method: "POST", target: target,
                                 headers: makeHeaders([("Content-Type", "application/x-www-form-urlencoded"),
                                                       ("Host", "127.0.0.1:5000")]),
                                 body: Data(body.utf8))
    }

    private static func authorization(_ token: String?, _ scheme: String) -> [(String, String)] {
        token.map { [("Authorization", "\(scheme) \($0)")] } ?? []
    }

    private static func makeHeaders(_ pairs: [(String, String)]) -> HTTPServerHeaders {
        var headers = HTTPServerHeaders()
        for (name, value) in pairs { headers.add(name, value) }
        return headers
    }
}

extension SandboxResponse {
    var json: JSONValue {
        get throws { try jsonBody() }
    }
}

extension JSONValue {
    subscript(_ key: String) -> JSONValue? { asObject?[key] }
    subscript(_ index: Int) -> JSONValue? {
        guard let array = asArray, array.indices.contains(index) else { return nil }
        return array[index]
    }
    var count: Int { asArray?.count ?? asObject?.count ?? 0 }
}

/// Percent-encodes a query parameter value (spaces as %20, `+` as %2B).
func encoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// A fresh Salesforce stand-in on a manual clock, with a token.
func makeSalesforce(configure: (inout SalesforceConfiguration) -> Void = { _ in })
    -> (api: SalesforceAPI, clock: ManualClock, token: String) {
    let clock = ManualClock()
    var configuration = SalesforceConfiguration()
    configure(&configuration)
    let api = SalesforceAPI(configuration: configuration, clock: .manual(clock))
    return (api, clock, api.issueAccessToken())
}

/// A fresh HubSpot stand-in on a manual clock; `pat` is its private-app token.
func makeHubSpot(configure: (inout HubSpotConfiguration) -> Void = { _ in })
    -> (api: HubSpotAPI, clock: ManualClock, pat: String) {
    let clock = ManualClock()
    var configuration = HubSpotConfiguration()
    configure(&configuration)
    return (HubSpotAPI(configuration: configuration, clock: .manual(clock)), clock, "pat-sandbox-hubspot")
}
