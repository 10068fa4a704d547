import Foundation
@testable import SyncCore

/// One randomized scenario: a mapping drawn from every direction × policy
/// combination, and rounds of user actions on both systems, each round
/// followed by a sync cycle. Plain data, so a failing scenario can be shrunk
/// by dropping rounds and actions, and printed.
struct ModelBasedScenario: CustomStringConvertible {
    var config: Config
    var rounds: [[Action]]

    struct Config {
        /// Per combination field (same order as `ModelBasedScenario.combinations`).
        var preferNonEmpty: [Bool]
        var statusPolicy: ConflictPolicy
        var deletePolicy: DeletePolicy
        var externalIds: Bool
        var matchByEmail: Bool
        var scoped: Bool
    }

    enum Action: CustomStringConvertible {
        /// A user creates a record; `namesCounterpart` makes it carry the id of
        /// an existing record of the other side in its external-id field.
        case create(Side, values: [String: Value], namesCounterpart: UInt64?, jitter: Int64)
        /// A user edits one field of one existing record (`pick` modulo the records).
        case edit(Side, pick: UInt64, field: String, value: Value, jitter: Int64)
        /// Users on both sides edit the same field of one linked pair.
        case editBoth(pick: UInt64, field: String, crm: Value, prm: Value, crmJitter: Int64, prmJitter: Int64)
        case delete(Side, pick: UInt64)
        /// Ops resolve one open manual conflict, taking one side's value.
        case resolve(pick: UInt64, take: Side)

        var description: String {
            switch self {
            case let .create(side, values, names, jitter):
                "create on \(side)\(names.map { " naming counterpart #\($0 % 100)" } ?? "") +\(jitter) \(ModelBasedScenario.text(values))"
            case let .edit(side, pick, field, value, jitter):
                "edit \(side) record #\(pick % 100) \(field)=\(Reconciler.text(value)) +\(jitter)"
            case let .editBoth(pick, field, crm, prm, crmJitter, prmJitter):
                "edit both sides of pair #\(pick % 100) \(field): CRM=\(Reconciler.text(crm)) +\(crmJitter), PRM=\(Reconciler.text(prm)) +\(prmJitter)"
            case let .delete(side, pick):
                "delete \(side) record #\(pick % 100)"
            case let .resolve(pick, take):
                "ops resolve conflict #\(pick % 100) taking the \(take) value"
            }
        }
    }

    // MARK: The mapping

    static let directions: [(Direction, String)] = [(.both, "both"), (.toPRM, "toPRM"), (.toCRM, "toCRM"), (.createOnly, "createOnly")]
    static let policies: [(ConflictPolicy, String)] = [(.crm, "crm"), (.prm, "prm"), (.newest, "newest"), (.manual, "manual")]
    /// Every direction × policy, as field names like `toPRM_newest`.
    static let combinations: [(name: String, direction: Direction, policy: ConflictPolicy)] =
        directions.flatMap { direction in policies.map { ("\(direction.1)_\($0.1)", direction.0, $0.0) } }

    static func type(ofCombination index: Int) -> FieldType {
        switch index % 4 {
        case 0: .decimal
        case 1: .bool
        default: .string
        }
    }

    static func domain(_ type: FieldType) -> [Value] {
        switch type {
        case .decimal: [.null, .number(1), .number(2.5), .number(100)]
        case .bool: [.null, .bool(true), .bool(false)]
        default: [.null, .string(""), .string("a"), .string("b"), .string("c")]
        }
    }

    static let emails: [Value] = [.string("e1@x.test"), .string("e2@x.test"), .string("e3@x.test"), .string("")]
    static let statuses: [Value] = [.string("open"), .string("won"), .string("archived")]

    func mapping() -> Mapping {
        var fields = [
            FieldMapping(name: "email", type: .email, crmPath: FieldPath("Email"), prmPath: FieldPath("email")),
            FieldMapping(name: "status", type: .enum, crmPath: FieldPath("Status"), prmPath: FieldPath("status"),
                         policy: config.statusPolicy),
        ]
        for (index, combination) in Self.combinations.enumerated() {
            fields.append(FieldMapping(name: combination.name, type: Self.type(ofCombination: index),
                                       crmPath: FieldPath(combination.name), prmPath: FieldPath(combination.name),
                                       direction: combination.direction, policy: combination.policy,
                                       preferNonEmpty: config.preferNonEmpty[index]))
        }
        return Mapping(name: "deals",
                       crm: SideBinding(remote: "crm", object: "Opportunity", externalIdField: config.externalIds ? FieldPath("PRM_Id__c") : nil),
                       prm: SideBinding(remote: "prm", object: "Deal", externalIdField: config.externalIds ? FieldPath("crmId") : nil),
                       fields: fields,
                       matchKeys: config.matchByEmail ? [["email"]] : [],
                       scope: config.scoped ? [ScopeFilter(field: "status", op: .notEquals, values: [.string("archived")])] : [],
                       deletePolicy: config.deletePolicy)
    }

    // MARK: Generation

    static func generate(_ random: inout ModelBasedRandom) -> ModelBasedScenario {
        let config = Config(
            preferNonEmpty: combinations.map { _ in random.chance(30) },
            statusPolicy: [ConflictPolicy.crm, .prm, .newest].randomElement(using: &random) ?? .newest,
            deletePolicy: DeletePolicy.allCases.randomElement(using: &random) ?? .flag,
            externalIds: random.chance(70),
            matchByEmail: random.chance(70),
            scoped: random.chance(50))
        var rounds: [[Action]] = []
        // Round 1: records that exist before the first sync, some sharing an email.
        var initial: [Action] = []
        for side in Side.allCases {
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                initial.append(randomCreate(side, &random))
            }
        }
        rounds.append(initial)
        for _ in 0..<Int.random(in: 2...4, using: &random) {
            rounds.append((0..<Int.random(in: 0...5, using: &random)).map { _ in randomAction(&random) })
        }
        return ModelBasedScenario(config: config, rounds: rounds)
    }

    static var fieldNames: [String] { ["email", "status"] + combinations.map(\.name) }

    static func randomValue(_ field: String, _ random: inout ModelBasedRandom) -> Value {
        switch field {
        case "email": return emails.randomElement(using: &random) ?? .null
        case "status": return random.chance(15) ? .string("archived") : (statuses[0...1].randomElement(using: &random) ?? .null)
        default:
            let index = combinations.firstIndex { $0.name == field } ?? 0
            return domain(type(ofCombination: index)).randomElement(using: &random) ?? .null
        }
    }

    static func randomCreate(_ side: Side, _ random: inout ModelBasedRandom) -> Action {
        var values: [String: Value] = [:]
        for field in fieldNames { values[field] = randomValue(field, &random) }
        if values["status"] == .string("archived"), random.chance(70) { values["status"] = .string("open") }
        return .create(side, values: values, namesCounterpart: random.chance(10) ? random.next() : nil,
                       jitter: Int64.random(in: 0...1, using: &random))
    }

    static func randomAction(_ random: inout ModelBasedRandom) -> Action {
        let roll = Int.random(in: 0..<100, using: &random)
        let side: Side = random.chance(50) ? .crm : .prm
        let field = fieldNames.randomElement(using: &random) ?? "email"
        switch roll {
        case 0..<45:
            return .edit(side, pick: random.next(), field: field, value: randomValue(field, &random),
                         jitter: Int64.random(in: 0...1, using: &random))
        case 45..<70:
            return .editBoth(pick: random.next(), field: field, crm: randomValue(field, &random), prm: randomValue(field, &random),
                             crmJitter: Int64.random(in: 0...1, using: &random), prmJitter: Int64.random(in: 0...1, using: &random))
        case 70..<82:
            return randomCreate(side, &random)
        case 82..<90:
            return .delete(side, pick: random.next())
        default:
            return .resolve(pick: random.next(), take: side)
        }
    }

    // MARK: Text

    static func text(_ values: [String: Value]) -> String {
        "{" + values.sorted { $0.key < $1.key }.map { "\($0.key)=\(Reconciler.text($0.value))" }.joined(separator: ", ") + "}"
    }

    var description: String {
        var lines = ["mapping: deletePolicy=\(config.deletePolicy) externalIds=\(config.externalIds) "
            + "matchByEmail=\(config.matchByEmail) scoped=\(config.scoped) status.policy=\(config.statusPolicy) "
            + "preferNonEmpty=[\(zip(Self.combinations, config.preferNonEmpty).filter(\.1).map(\.0.name).joined(separator: ","))]"]
        for (index, round) in rounds.enumerated() {
            lines.append("round \(index + 1):" + (round.isEmpty ? " (no actions)" : ""))
            lines += round.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
