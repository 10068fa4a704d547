/// Why an in-process sandbox call (seeding, editing, configuring) was refused.
public enum SandboxError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownSystem(String)
    case unknownObject(system: String, object: String)
    case recordNotFound(object: String, id: String)
    case duplicateID(object: String, id: String)
    /// A unique field already holds this value on another live record.
    case uniqueViolation(object: String, field: String, existingID: String)
    case unknownField(object: String, field: String)
    case missingRequiredFields(object: String, fields: [String])
    /// An admin request or fault description is wrong at `path` (a key path like `fault.status`).
    case invalidConfiguration(path: String, message: String)
    /// A configuration file is wrong at `line:column`, key path `path` (like `hubspot.objects[0].name`).
    case invalidConfigurationFile(file: String, line: Int, column: Int, path: String, message: String)

    public var description: String {
        switch self {
        case let .unknownSystem(name):
            return "unknown sandbox system '\(name)' (expected salesforce, hubspot, impartner, partnerstack, generic, pipedrive, zoho or dataverse)"
        case let .unknownObject(system, object): return "\(system) has no object '\(object)'"
        case let .recordNotFound(object, id): return "\(object) has no record '\(id)'"
        case let .duplicateID(object, id): return "\(object) already has a record '\(id)'"
        case let .uniqueViolation(object, field, existing):
            return "\(object).\(field) must be unique; record '\(existing)' already has this value"
        case let .unknownField(object, field): return "\(object) has no field '\(field)'"
        case let .missingRequiredFields(object, fields):
            return "\(object) requires \(fields.joined(separator: ", "))"
        case let .invalidConfiguration(path, message): return "\(path): \(message)"
        case let .invalidConfigurationFile(file, line, column, path, message):
            return "\(file):\(line):\(column): \(path.isEmpty ? "" : "\(path): ")\(message)"
        }
    }
}
