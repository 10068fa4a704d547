import SyncCore

/// The admin endpoint under `/__admin`, reachable on every system's listener (which binds
/// loopback only). It seeds and edits data as a user of the system would, queues faults
/// and reads counters. Admin requests are not counted.
///
/// - `GET /__admin/counts` — `{total, systems: {salesforce: {total, routes}, …}}`
/// - `POST /__admin/reset` `{"records": false, "sessions": false}` — counters and faults always
/// - `GET /__admin/clock`, `POST /__admin/clock/advance` `{"milliseconds": n}` (manual clocks only)
/// - `GET /__admin/{system}/counts`, `POST /__admin/{system}/reset`
/// - `POST /__admin/{system}/token` — a fresh access token (Salesforce, HubSpot) or the API key
/// - `GET /__admin/{system}/objects` — names and record counts
/// - `GET|POST /__admin/{system}/objects/{object}/records` — list (`?includeDeleted=true`) or seed
///   `{"records": [{"fields": {…}, "id"?, "createdAt"?, "modifiedAt"?}]}`
/// - `GET|PATCH|DELETE /__admin/{system}/objects/{object}/records/{id}` — read, user edit
///   `{"fields": {…}}` (bumps the modification time), user delete
/// - `GET|POST|DELETE /__admin/{system}/faults` — list, queue `{"route", "times", "fault": {…}}`, clear
struct SandboxAdmin: Sendable {
    private typealias Handler = @Sendable (SandboxEnvironment, HTTPServerRequest, [String: String]) throws(SandboxError) -> SandboxResponse

    private let routes: [(method: String, pattern: PathPattern, handler: Handler)] = [
        ("GET", PathPattern("/__admin/counts"), { environment, _, _ in counts(environment) }),
        ("POST", PathPattern("/__admin/reset"), { environment, request, _ throws(SandboxError) in
            try reset(environment, systems: SandboxSystem.allCases, request: request)
        }),
        ("GET", PathPattern("/__admin/clock"), { environment, _, _ in
            .json(200, .object(["now": .int(environment.clock.now()), "manual": .bool(environment.manualClock != nil)]))
        }),
        ("POST", PathPattern("/__admin/clock/advance"), { environment, request, _ throws(SandboxError) in
            try advance(environment, request: request)
        }),
        ("GET", PathPattern("/__admin/:system/counts"), { environment, _, parameters throws(SandboxError) in
            systemCounts(try store(environment, parameters))
        }),
        ("POST", PathPattern("/__admin/:system/reset"), { environment, request, parameters throws(SandboxError) in
            try reset(environment, systems: [try system(parameters)], request: request)
        }),
        ("POST", PathPattern("/__admin/:system/token"), { environment, _, parameters throws(SandboxError) in
            token(environment, try system(parameters))
        }),
        ("GET", PathPattern("/__admin/:system/objects"), { environment, _, parameters throws(SandboxError) in
            let store = try store(environment, parameters)
            return .json(200, .object(["objects": .array(store.objectNames.map { name in
                .object(["name": .string(name), "records": .int(store.count(name)),
                         "deleted": .int(store.count(name, includeDeleted: true) - store.count(name))])
            })]))
        }),
        ("GET", PathPattern("/__admin/:system/objects/:object/records"), { environment, request, parameters throws(SandboxError) in
            let store = try store(environment, parameters)
            let object = try objectName(store, parameters)
            let records = store.records(object, includeDeleted: request.queryValue("includeDeleted") == "true")
            return .json(200, .object(["records": .array(records.map(\.adminJSON))]))
        }),
        ("POST", PathPattern("/__admin/:system/objects/:object/records"), { environment, request, parameters throws(SandboxError) in
            try seed(try store(environment, parameters), parameters, request: request)
        }),
        ("GET", PathPattern("/__admin/:system/objects/:object/records/:id"), { environment, _, parameters throws(SandboxError) in
            let store = try store(environment, parameters)
            let object = try objectName(store, parameters)
            guard let record = store.record(object, id: parameters["id"] ?? "") else {
                throw .recordNotFound(object: object, id: parameters["id"] ?? "")
            }
            return .json(200, record.adminJSON)
        }),
        ("PATCH", PathPattern("/__admin/:system/objects/:object/records/:id"), { environment, request, parameters throws(SandboxError) in
            let store = try store(environment, parameters)
            let body = try jsonObject(request)
            guard let fields = body["fields"]?.asObject else {
                throw .invalidConfiguration(path: "fields", message: "an edit is {\"fields\": {…}}")
            }
            return .json(200, try store.edit(try objectName(store, parameters), id: parameters["id"] ?? "", set: fields).adminJSON)
        }),
        ("DELETE", PathPattern("/__admin/:system/objects/:object/records/:id"), { environment, _, parameters throws(SandboxError) in
            let store = try store(environment, parameters)
            return .json(200, try store.delete(try objectName(store, parameters), id: parameters["id"] ?? "").adminJSON)
        }),
        ("GET", PathPattern("/__admin/:system/faults"), { environment, _, parameters throws(SandboxError) in
            let store = try store(environment, parameters)
            return .json(200, .object(["faults": .array(store.pendingFaults.map { entry in
                .object(["route": .string(entry.route), "remaining": .int(entry.remaining), "fault": entry.fault.json])
            })]))
        }),
        ("POST", PathPattern("/__admin/:system/faults"), { environment, request, parameters throws(SandboxError) in
            let store = try store(environment, parameters)
            let body = try jsonObject(request)
            let fault = try SandboxFault(json: body["fault"] ?? .null)
            let route = body["route"]?.asString ?? "*"
            guard route == "*" || route.hasPrefix(store.system + ".") else {
                throw .invalidConfiguration(path: "route", message: "'\(route)' is not a \(store.system) route (names start with '\(store.system).')")
            }
            let times = body["times"]?.asInt ?? 1
            guard times >= 1 else { throw .invalidConfiguration(path: "times", message: "times must be at least 1") }
            store.inject(fault, route: route, times: times)
            return .json(201, .object(["route": .string(route), "remaining": .int(times), "fault": fault.json]))
        }),
        ("DELETE", PathPattern("/__admin/:system/faults"), { environment, _, parameters throws(SandboxError) in
            try store(environment, parameters).clearFaults()
            return .empty(204)
        }),
    ]

    func handle(_ request: HTTPServerRequest, environment: SandboxEnvironment) -> SandboxResponse {
        var known = false
        for route in routes {
            guard let parameters = route.pattern.match(request.path) else { continue }
            known = true
            guard route.method == request.method.uppercased() else { continue }
            do {
                return try route.handler(environment, request, parameters)
            } catch {
                switch error {
                case .unknownSystem, .unknownObject, .recordNotFound: return Self.error(404, error.description)
                case .uniqueViolation, .duplicateID: return Self.error(409, error.description)
                default: return Self.error(400, error.description)
                }
            }
        }
        return known ? Self.error(405, "\(request.method) is not supported on \(request.path)")
                     : Self.error(404, "no admin endpoint \(request.path); see GET /__admin/counts")
    }

    static func error(_ status: Int, _ message: String) -> SandboxResponse {
        .json(status, .object(["error": .string(message)]))
    }

    // MARK: - Handlers

    private static func system(_ parameters: [String: String]) throws(SandboxError) -> SandboxSystem {
        let name = parameters["system"] ?? ""
        guard let system = SandboxSystem(rawValue: name) else { throw .unknownSystem(name) }
        return system
    }

    private static func store(_ environment: SandboxEnvironment, _ parameters: [String: String]) throws(SandboxError) -> SandboxStore {
        environment.store(try system(parameters))
    }

    private static func objectName(_ store: SandboxStore, _ parameters: [String: String]) throws(SandboxError) -> String {
        let name = parameters["object"] ?? ""
        guard let definition = store.definition(of: name) else { throw .unknownObject(system: store.system, object: name) }
        return definition.name
    }

    private static func jsonObject(_ request: HTTPServerRequest) throws(SandboxError) -> [String: JSONValue] {
        guard !request.body.isEmpty else { return [:] }
        do {
            guard let object = try JSONParser().parse(request.body).asObject else {
                throw SandboxError.invalidConfiguration(path: "body", message: "expected a JSON object")
            }
            return object
        } catch let error as SandboxError {
            throw error
        } catch {
            throw .invalidConfiguration(path: "body", message: "\(error)")
        }
    }

    private static func systemCounts(_ store: SandboxStore) -> SandboxResponse {
        .json(200, countsJSON(store))
    }

    private static func countsJSON(_ store: SandboxStore) -> JSONValue {
        .object(["total": .int(store.totalRequests), "routes": .object(store.requestCounts.mapValues(JSONValue.int))])
    }

    private static func counts(_ environment: SandboxEnvironment) -> SandboxResponse {
        var systems: [String: JSONValue] = [:]
        for system in SandboxSystem.allCases { systems[system.rawValue] = countsJSON(environment.store(system)) }
        return .json(200, .object(["total": .int(environment.totalRequests), "systems": .object(systems)]))
    }

    private static func reset(_ environment: SandboxEnvironment, systems: [SandboxSystem],
                              request: HTTPServerRequest) throws(SandboxError) -> SandboxResponse {
        let body = try jsonObject(request)
        for system in systems {
            let store = environment.store(system)
            store.resetCounters()
            store.clearFaults()
            if body["records"]?.asBool == true { store.removeAllRecords() }
            if body["sessions"]?.asBool == true {
                switch system {
                case .salesforce: environment.salesforce.resetSession()
                case .hubspot: environment.hubspot.resetSession()
                default: break
                }
            }
        }
        return .empty(204)
    }

    private static func advance(_ environment: SandboxEnvironment, request: HTTPServerRequest) throws(SandboxError) -> SandboxResponse {
        guard let clock = environment.manualClock else {
            return error(409, "this sandbox runs on the system clock; only a manual clock can be advanced")
        }
        guard let amount = try jsonObject(request)["milliseconds"]?.asInt, amount >= 0 else {
            throw .invalidConfiguration(path: "milliseconds", message: "advance takes {\"milliseconds\": n} with n ≥ 0")
        }
        clock.advance(by: Int64(amount))
        return .json(200, .object(["now": .int(clock.now())]))
    }

    private static func token(_ environment: SandboxEnvironment, _ system: SandboxSystem) -> SandboxResponse {
        let token: String
        switch system {
        case .salesforce: token = environment.salesforce.issueAccessToken()
        case .hubspot: token = environment.hubspot.configuration.privateAppTokens.first ?? environment.hubspot.issueAccessToken()
        case .impartner: token = environment.impartner.configuration.apiKeys.first ?? ""
        case .partnerstack: token = environment.partnerStack.configuration.apiKeys.first ?? ""
        case .generic: token = environment.generic.configuration.apiKeys.first ?? ""
        case .pipedrive: token = environment.pipedrive.configuration.apiTokens.first ?? ""
        case .zoho: token = environment.zoho.issueAccessToken()
        case .dataverse: token = environment.dataverse.issueAccessToken()
        }
        let scheme = ["impartner": "prm-key", "generic": "Token", "zoho": "Zoho-oauthtoken"][system.rawValue] ?? "Bearer"
        return .json(200, .object(["token": .string(token), "authorization": .string("\(scheme) \(token)")]))
    }

    private static func seed(_ store: SandboxStore, _ parameters: [String: String],
                             request: HTTPServerRequest) throws(SandboxError) -> SandboxResponse {
        let object = try objectName(store, parameters)
        let body = try jsonObject(request)
        let entries: [JSONValue]
        if let records = body["records"]?.asArray {
            entries = records
        } else if body["fields"] != nil {
            entries = [.object(body)]
        } else {
            throw .invalidConfiguration(path: "records", message: "seed with {\"records\": [{\"fields\": {…}}]} or {\"fields\": {…}}")
        }
        var created: [JSONValue] = []
        for (index, entry) in entries.enumerated() {
            guard let fields = entry.asObject?["fields"]?.asObject else {
                throw .invalidConfiguration(path: "records[\(index)].fields", message: "each record needs an object \"fields\"")
            }
            let record = try store.seed(object, fields: fields, id: entry.asObject?["id"]?.asString,
                                        createdAt: entry.asObject?["createdAt"]?.asInt.map(Int64.init),
                                        modifiedAt: entry.asObject?["modifiedAt"]?.asInt.map(Int64.init))
            created.append(record.adminJSON)
        }
        return .json(201, .object(["records": .array(created)]))
    }
}
