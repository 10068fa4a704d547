import Foundation
import Testing
import SyncCore
import SyncHTTP
import Sandbox
@testable import Connectors

@Suite("Generic REST options")
struct GenericRESTOptionsTests {
    static let minimal = #"{"list": {"records": "items"}, "paging": {"style": "none"}}"#

    @Test("the sandbox options and a minimal set are valid")
    func valid() throws {
        #expect(GenericRESTOptions.validate(try options(sandboxOptions)) == [])
        let parsed = try GenericRESTOptions.parse(try options(Self.minimal)).get()
        let settings = parsed.settings(for: "contacts")
        #expect(settings.list.path.expand(object: "contacts") == "/contacts")
        #expect(settings.detail.path.expand(object: "contacts", id: "a/b") == "/contacts/a%2Fb")
        #expect(settings.update.method == .patch)
        #expect(!settings.update.merge)
        #expect(settings.delete != nil)
        #expect(settings.lookupParam == nil)
        #expect(parsed.authScheme == "Bearer")
        #expect(parsed.authFailureStatuses == [401, 403])
    }

    @Test("every problem is reported at once, each naming its key", arguments: [
        (#"{}"#, ["options.list: is required", "options.paging: is required"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "ofset"}}"#,
         ["options.paging.style: 'ofset' is not one of offset, page, cursor, nextLink, linkHeader, none (did you mean 'offset'?)"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "cursor"}}"#, ["options.paging.next: is required"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "offset", "cursorParam": "after", "pageSize": 0}}"#,
         ["options.paging.cursorParam: is not used with style 'offset'",
          "options.paging.pageSize: must be a whole number from 1 to 10000, got 0"]),
        (#"{"list": {"path": "v1/deals", "records": []}, "paging": {"style": "none"}}"#,
         ["options.list.path: must start with '/', got 'v1/deals'", "options.list.records: must not be an empty list"]),
        (#"{"list": {"records": ["data..x", 3]}, "paging": {"style": "none"}}"#,
         ["options.list.records[1]: must be a string, got the number 3",
          "options.list.records[0]: 'data..x' is not a path: use dotted keys like 'data.items' (\"\" for the whole body)"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "none"}, "detail": {"path": "/deals/{key}"}}"#,
         ["options.detail.path: uses the unknown placeholder {key}; only {object} and {id} are filled in"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "none"}, "delete": {"path": "/deals"}}"#,
         ["options.delete.path: must contain {id}, where the record's id goes"]),
        (#"{"list": {"records": "items"}, "paginng": {"style": "none"}}"#,
         ["options.paginng: unknown key 'paginng' (did you mean 'paging'?); known keys here: authScheme, authFailureStatuses, objects, list, paging, record, detail, create, update, delete, lookup, errors",
          "options.paging: is required"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "none"}, "update": {"method": "PATCH", "merge": true}}"#,
         ["options.update.merge: applies to method PUT only (a PATCH sends just the changes)"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "none"}, "update": {"method": "DELETE"}}"#,
         ["options.update.method: 'DELETE' is not one of PATCH, PUT, POST"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "none"}, "authScheme": "Bad Scheme", "authFailureStatuses": [401, 500]}"#,
         ["options.authScheme: 'Bad Scheme' is not a single word of letters, digits or -._",
          "options.authFailureStatuses: the number 500 is not a 4xx HTTP status"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "none"}, "record": {"modifiedFormat": "epochMillis"}}"#,
         ["options.record.modifiedFormat: needs 'modified', the field it describes"]),
        (#"{"list": {"records": "items", "query": {"include": ["a"]}}, "paging": {"style": "none"}}"#,
         ["options.list.query.include: must be a string, number or boolean"]),
        (#"{"list": {"records": "items"}, "paging": {"style": "none"}, "lookup": {"field": "reference"}}"#,
         ["options.lookup.param: is required"]),
    ])
    func problems(json: String, expected: [String]) throws {
        #expect(GenericRESTOptions.validate(try options(json)) == expected)
    }

    @Test("an object's override is merged over the defaults and checked on its own")
    func objectOverrides() throws {
        let json = #"""
        {"list": {"records": "items"}, "paging": {"style": "offset", "next": "meta.next"},
         "objects": {
           "contacts": {"paging": {"style": "cursor", "next": "meta.cursor"}, "list": {"path": "/people"}},
           "leads": {"paging": {"style": "page", "cursorParam": "c"}},
           "notes": {"pagingg": {}}
         }}
        """#
        let problems = GenericRESTOptions.validate(try options(json))
        #expect(problems == [
            "options.objects.leads.paging.cursorParam: is not used with style 'page'",
            "options.objects.notes.pagingg: unknown key 'pagingg' (did you mean 'paging'?); known keys here: list, paging, record, detail, create, update, delete, lookup, errors",
        ])
        let valid = #"""
        {"list": {"records": "items"}, "paging": {"style": "offset", "next": "meta.next"},
         "objects": {"contacts": {"paging": {"style": "cursor", "next": "meta.cursor"}, "list": {"path": "/people"}}}}
        """#
        let parsed = try GenericRESTOptions.parse(try options(valid)).get()
        let contacts = parsed.settings(for: "contacts")
        #expect(contacts.list.path.expand(object: "contacts") == "/people")
        #expect(contacts.list.records == [ResponsePath("items")])
        #expect(contacts.detail.path.expand(object: "contacts", id: "7") == "/people/7", "defaults follow the overridden path")
        guard case .cursor(_, _, _, let next, _) = contacts.paging else {
            Issue.record("contacts should page by cursor")
            return
        }
        #expect(next == ResponsePath("meta.cursor"))
        guard case .offset = parsed.settings(for: "deals").paging else {
            Issue.record("other objects keep the defaults")
            return
        }
    }

    /// A match key is looked up only by the field the lookup parameter filters: by
    /// default the field named like the parameter, else `lookup.field`.
    @Test func lookupsAreByTheFieldTheParameterFilters() throws {
        let named = try GenericRESTOptions.parse(try options(
            #"{"list": {"records": "items"}, "paging": {"style": "none"}, "lookup": {"param": "reference"}}"#)).get()
        #expect(named.canLookUp(object: "deals", field: "reference"))
        #expect(!named.canLookUp(object: "deals", field: "email"), "?reference= cannot find a record by its email")
        let declared = try GenericRESTOptions.parse(try options(
            #"{"list": {"records": "items"}, "paging": {"style": "none"}, "lookup": {"param": "ref", "field": "data.reference"}}"#)).get()
        #expect(declared.canLookUp(object: "deals", field: "data.reference"))
        #expect(!declared.canLookUp(object: "deals", field: "ref"))
        #expect(declared.settings(for: "deals").lookupParam == "ref")
    }

    @Test("the connector refuses bad options with every problem in one error")
    func connectorRefuses() throws {
        let error = expectConnectorError { _ = try GenericRESTFixture(options: try options(#"{"paging": {"style": "x"}}"#)) }
        guard case .invalidConfiguration(let remote, let reason)? = error else {
            Issue.record("expected invalidConfiguration, got \(String(describing: error))")
            return
        }
        #expect(remote == "portal")
        #expect(reason.contains("options.list: is required"))
        #expect(reason.contains("options.paging.style: 'x' is not one of"))
    }

    @Test("apiKey auth must be masked by the client's redaction")
    func redactionRequired() throws {
        let loopback = try PRMLoopback(Sandbox.GenericAPI(clock: .manual(ManualClock())))
        let auth = RemoteAuth(kind: .apiKey, credentials: ["apiKey": "k"], header: "X-Portal-Key")
        let remote = Remote(name: "portal", dialect: .rest, baseURL: loopback.baseURL, auth: auth, options: try options(Self.minimal))
        let unmasked = try HTTPClient(remote: testRemote("portal"))
        let error = expectConnectorError {
            _ = try GenericRESTConnector(remote: remote, client: unmasked, credentials: .fixed(["k": "secret"]))
        }
        #expect(error?.kind == .invalidConfiguration)
        #expect(String(describing: error).contains("X-Portal-Key"))
        let masked = try HTTPClient(remote: testRemote("portal", redaction: KeyAuthentication.redaction(for: auth)))
        _ = try GenericRESTConnector(remote: remote, client: masked, credentials: .fixed(["k": "secret"]))
    }
}
