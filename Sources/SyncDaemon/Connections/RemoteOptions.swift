import Foundation
import SyncCore

/// Reads the few `options` the Salesforce and HubSpot connectors take (their connectors
/// have typed configurations; `config check` leaves these options to the daemon). Every
/// problem names its key; unknown keys are problems, so a typo is never ignored.
struct RemoteOptions {
    let remote: String
    private let members: [String: JSONValue]
    private var used: Set<String> = []
    private(set) var problems: [String] = []

    init(_ remote: Remote) {
        self.remote = remote.name
        members = remote.options
    }

    mutating func text(_ key: String) -> String? {
        used.insert(key)
        switch members[key] {
        case nil: return nil
        case let .string(text)?: return text
        case let .number(number)?: return number.description
        default:
            problems.append("options.\(key): expected text")
            return nil
        }
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        used.insert(key)
        guard let value = members[key] else { return nil }
        guard case let .number(number) = value, let integer = Int(exactly: Self.double(number)),
              range.contains(integer) else {
            problems.append("options.\(key): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return integer
    }

    mutating func bool(_ key: String) -> Bool? {
        used.insert(key)
        guard let value = members[key] else { return nil }
        guard case let .bool(flag) = value else {
            problems.append("options.\(key): expected true or false")
            return nil
        }
        return flag
    }

    mutating func fraction(_ key: String) -> Double? {
        used.insert(key)
        guard let value = members[key] else { return nil }
        guard case let .number(number) = value, case let double = Self.double(number),
              (0...1).contains(double) else {
            problems.append("options.\(key): expected a number from 0 to 1")
            return nil
        }
        return double
    }

    /// Adds a problem for every key no reader asked for.
    mutating func finish() {
        for key in members.keys.sorted() where !used.contains(key) {
            let known = used.sorted().joined(separator: ", ")
            problems.append("options.\(key): unknown option for this dialect (known: \(known))")
        }
    }

    /// A decimal as a double (exact for the whole numbers and fractions options hold).
    private static func double(_ decimal: Decimal) -> Double {
        Double(decimal.description) ?? .nan
    }
}
