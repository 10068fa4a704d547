import SyncCore

/// Faults as the admin endpoint reads and shows them:
/// `{"kind": "status", "status": 429, "retryAfter": "2"}`, `{"kind": "delay", "milliseconds": 500}`,
/// `{"kind": "dropConnection"}`, `{"kind": "malformedJSON"}`, `{"kind": "cutMidBody"}`, `{"kind": "wrongShape"}`,
/// `{"kind": "partialBatchFailure", "keys": ["a"]}` or `{…, "everyKth": 2}`,
/// `{"kind": "expireTokens"}`,
/// `{"kind": "lateCommit", "object": "Opportunity", "id": null, "fields": {…}, "lagMilliseconds": 1000}`,
/// `{"kind": "purgeDeleteLog", "object": "Opportunity", "before": 1704067200000}`.
extension SandboxFault {
    public init(json: JSONValue) throws(SandboxError) {
        guard let object = json.asObject, let kind = object["kind"]?.asString else {
            throw .invalidConfiguration(path: "fault", message: "a fault is an object with a \"kind\"")
        }
        func int(_ key: String) throws(SandboxError) -> Int {
            guard let value = object[key]?.asInt else {
                throw .invalidConfiguration(path: "fault.\(key)", message: "\(kind) needs a whole number \"\(key)\"")
            }
            return value
        }
        func text(_ key: String) throws(SandboxError) -> String {
            guard let value = object[key]?.asString else {
                throw .invalidConfiguration(path: "fault.\(key)", message: "\(kind) needs a string \"\(key)\"")
            }
            return value
        }
        switch kind {
        case "status":
            let status = try int("status")
            guard (100...599).contains(status) else {
                throw .invalidConfiguration(path: "fault.status", message: "\(status) is not an HTTP status")
            }
            self = .status(status, retryAfter: object["retryAfter"]?.displayText)
        case "delay": self = .delay(milliseconds: try int("milliseconds"))
        case "dropConnection": self = .dropConnection
        case "malformedJSON": self = .malformedJSON
        case "cutMidBody": self = .cutMidBody
        case "wrongShape": self = .wrongShape
        case "expireTokens": self = .expireTokens
        case "partialBatchFailure":
            if let keys = object["keys"]?.asArray {
                self = .partialBatchFailure(.keys(Set(keys.compactMap(\.displayText))))
            } else {
                self = .partialBatchFailure(.everyKth(max(1, try int("everyKth"))))
            }
        case "lateCommit":
            guard let fields = object["fields"]?.asObject else {
                throw .invalidConfiguration(path: "fault.fields", message: "lateCommit needs an object \"fields\"")
            }
            self = .lateCommit(LateCommit(object: try text("object"), id: object["id"]?.asString, fields: fields,
                                          lagMilliseconds: Int64(object["lagMilliseconds"]?.asInt ?? 1000)))
        case "purgeDeleteLog":
            self = .purgeDeleteLog(object: try text("object"), before: object["before"]?.asInt.map(Int64.init))
        default:
            throw .invalidConfiguration(path: "fault.kind", message: "unknown fault kind '\(kind)'")
        }
    }

    public var json: JSONValue {
        switch self {
        case let .status(status, retryAfter):
            var out: [String: JSONValue] = ["kind": .string("status"), "status": .int(status)]
            if let retryAfter { out["retryAfter"] = .string(retryAfter) }
            return .object(out)
        case let .delay(milliseconds): return .object(["kind": .string("delay"), "milliseconds": .int(milliseconds)])
        case .dropConnection: return .object(["kind": .string("dropConnection")])
        case .malformedJSON: return .object(["kind": .string("malformedJSON")])
        case .cutMidBody: return .object(["kind": .string("cutMidBody")])
        case .wrongShape: return .object(["kind": .string("wrongShape")])
        case .expireTokens: return .object(["kind": .string("expireTokens")])
        case let .partialBatchFailure(.keys(keys)):
            return .object(["kind": .string("partialBatchFailure"), "keys": .array(keys.sorted().map(JSONValue.string))])
        case let .partialBatchFailure(.everyKth(k)):
            return .object(["kind": .string("partialBatchFailure"), "everyKth": .int(k)])
        case let .lateCommit(commit):
            return .object(["kind": .string("lateCommit"), "object": .string(commit.object),
                            "id": commit.id.map(JSONValue.string) ?? .null, "fields": .object(commit.fields),
                            "lagMilliseconds": .int(commit.lagMilliseconds)])
        case let .purgeDeleteLog(object, before):
            return .object(["kind": .string("purgeDeleteLog"), "object": .string(object),
                            "before": before.map(JSONValue.int) ?? .null])
        }
    }
}

extension SandboxRecord {
    /// The record as the admin endpoint shows it (not any vendor's shape).
    public var adminJSON: JSONValue {
        var out: [String: JSONValue] = [
            "id": .string(id), "fields": .object(fields), "createdAt": .int(createdAt), "modifiedAt": .int(modifiedAt),
        ]
        if let deletedAt { out["deletedAt"] = .int(deletedAt) }
        return .object(out)
    }
}
