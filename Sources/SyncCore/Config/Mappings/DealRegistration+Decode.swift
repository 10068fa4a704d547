import Foundation

/// `dealRegistration: {…}` in a mapping file. Every key but `statusField` has a
/// default (config/README.md); each field named must be a field of the mapping with
/// the right type, and each status word a canonical registration status.
extension DealRegistration {
    static let keys = ["statusField", "pendingStatus", "protectionDays", "reasonField", "decidedAtField",
                       "expiresAtField", "partnerMatch", "unknownPartner", "extensions", "outcome", "channelConflict"]

    static func decode(_ node: JSON5Node, at path: ConfigPath, fields: [String: FieldDraft],
                       with decoder: ConfigDecoder) -> DealRegistration? {
        guard let object = decoder.object(node, at: path, keys: keys) else { return nil }
        let errorsBefore = decoder.errors.count
        let refs = FieldReferences(object: object, fields: fields, decoder: decoder)
        let statusField = decoder.required(object, "statusField").flatMap { refs.field($0, at: object.path("statusField"), types: [.enum]) }
        if let statusField, let draft = fields[statusField], let node = object["statusField"] {
            let unknown = draft.field.values.filter { RegistrationStatus(rawValue: $0) == nil }
            if !unknown.isEmpty {
                decoder.report(.invalidValue(unknown.joined(separator: ", "), rule: "are not registration statuses",
                                             hint: "the status field's values must be canonical: "
                                                 + RegistrationStatus.allCases.map(\.rawValue).joined(separator: ", ")),
                               node: node, path: object.path("statusField"))
            }
        }
        var registration = DealRegistration(statusField: statusField ?? "")
        if let node = object["pendingStatus"], let status = refs.status(node, at: object.path("pendingStatus")) {
            if status == .submitted || status == .underReview {
                registration.pendingStatus = status
            } else {
                decoder.report(.notOneOf(status.rawValue, allowed: ["submitted", "under_review"], suggestion: nil),
                               node: node, path: object.path("pendingStatus"))
            }
        }
        if let node = object["protectionDays"], let days = decoder.integer(node, at: object.path("protectionDays"), in: 1...3650) {
            registration.protection = ProtectionPeriod(days: days)
        }
        registration.reasonField = object["reasonField"].flatMap { refs.field($0, at: object.path("reasonField"), types: [.string, .text]) }
        registration.decidedAtField = object["decidedAtField"].flatMap { refs.field($0, at: object.path("decidedAtField"), types: [.datetime]) }
        registration.expiresAtField = object["expiresAtField"].flatMap { refs.field($0, at: object.path("expiresAtField"), types: [.date]) }
        registration.partnerMatch = object["partnerMatch"].flatMap { PartnerMatch.decode($0, at: object.path("partnerMatch"), refs: refs) }
        if let node = object["unknownPartner"], let action = decoder.choice(node, at: object.path("unknownPartner"), as: UnknownPartnerAction.self) {
            registration.unknownPartner = action
        }
        if let node = object["extensions"], let extensions = decoder.object(node, at: object.path("extensions"), keys: ["reopenExpired"]) {
            if let flag = extensions["reopenExpired"], let value = decoder.bool(flag, at: extensions.path("reopenExpired")) {
                registration.lifecycle.reopensExpired = value
            }
        }
        registration.outcome = object["outcome"].flatMap { RegistrationOutcome.decode($0, at: object.path("outcome"), refs: refs) }
        registration.channelConflict = object["channelConflict"].flatMap {
            ChannelConflictSettings.decode($0, at: object.path("channelConflict"), refs: refs)
        }
        guard decoder.errors.count == errorsBefore, statusField != nil else { return nil }
        return registration
    }
}

/// Resolves the canonical field names and status words a `dealRegistration` block uses.
struct FieldReferences {
    let object: ConfigObject
    let fields: [String: FieldDraft]
    let decoder: ConfigDecoder

    /// A field of the mapping of one of `types`.
    func field(_ node: JSON5Node, at path: ConfigPath, types: [FieldType]? = nil) -> String? {
        guard let name = decoder.string(node, at: path) else { return nil }
        guard let draft = fields[name] else {
            decoder.report(.unknownField(name, suggestion: Suggestion.closest(to: name, among: fields.keys.sorted()),
                                         usedIn: path.description), node: node, path: path)
            return nil
        }
        if let types, draft.typeIsKnown, !types.contains(draft.field.type) {
            decoder.report(.invalidValue(name, rule: "is a \(draft.field.type.rawValue) field",
                                         hint: "name a field of type " + types.map(\.rawValue).joined(separator: " or ")),
                           node: node, path: path)
            return nil
        }
        return name
    }

    func status(_ node: JSON5Node, at path: ConfigPath) -> RegistrationStatus? {
        decoder.choice(node, at: path, as: RegistrationStatus.self)
    }
}

extension PartnerMatch {
    static func decode(_ node: JSON5Node, at path: ConfigPath, refs: FieldReferences) -> PartnerMatch? {
        let decoder = refs.decoder
        guard let object = decoder.object(node, at: path, keys: ["field", "crmObject", "crmField"]) else { return nil }
        let field = decoder.required(object, "field").flatMap { refs.field($0, at: object.path("field"), types: [.reference, .string]) }
        var match = PartnerMatch(field: field ?? "")
        if let node = object["crmObject"], let text = decoder.nonEmptyString(node, at: object.path("crmObject")) {
            match.crmObject = text
        }
        if let node = object["crmField"], let text = decoder.nonEmptyString(node, at: object.path("crmField")) {
            if FieldPath(text)?.components.count == 1 {
                match.crmField = text
            } else {
                decoder.report(.invalidValue(text, rule: "is not a field name", hint: "e.g. \"Id\" or \"Partner_Portal_Id__c\""),
                               node: node, path: object.path("crmField"))
            }
        }
        return field == nil ? nil : match
    }
}

extension RegistrationOutcome {
    static func decode(_ node: JSON5Node, at path: ConfigPath, refs: FieldReferences) -> RegistrationOutcome? {
        let decoder = refs.decoder
        guard let object = decoder.object(node, at: path, keys: ["field", "won", "lost", "report"]) else { return nil }
        guard let field = decoder.required(object, "field").flatMap({ refs.field($0, at: object.path("field"), types: [.enum, .string]) })
        else { return nil }
        var outcome = RegistrationOutcome(field: field)
        let values = refs.fields[field]?.field.values ?? []
        for key in ["won", "lost"] {
            guard let node = object[key], let word = decoder.nonEmptyString(node, at: object.path(key)) else { continue }
            if !values.isEmpty, !values.contains(word) {
                decoder.report(.notCanonical(word, field: field, values: values, suggestion: Suggestion.closest(to: word, among: values)),
                               node: node, path: object.path(key))
                continue
            }
            if key == "won" { outcome.won = word } else { outcome.lost = word }
        }
        if let node = object["report"], let list = decoder.array(node, at: object.path("report")) {
            outcome.report = list.enumerated().compactMap { index, element in
                refs.field(element, at: object.path("report").appending(index))
            }
        }
        return outcome
    }
}

extension ChannelConflictSettings {
    static let keys = ["match", "nameThreshold", "onMatch", "domainField", "emailField", "nameField"]

    static func decode(_ node: JSON5Node, at path: ConfigPath, refs: FieldReferences) -> ChannelConflictSettings? {
        let decoder = refs.decoder
        guard let object = decoder.object(node, at: path, keys: keys) else { return nil }
        var settings = ChannelConflictSettings()
        settings.domainField = object["domainField"].flatMap { refs.field($0, at: object.path("domainField"), types: [.string, .text]) }
        settings.emailField = object["emailField"].flatMap { refs.field($0, at: object.path("emailField"), types: [.email, .string]) }
        settings.nameField = object["nameField"].flatMap { refs.field($0, at: object.path("nameField"), types: [.string, .text]) }
        var bases = Set<ChannelConflictBasis>()
        if let node = object["match"], let list = decoder.array(node, at: object.path("match")) {
            if list.isEmpty { decoder.report(.emptyList(what: "channelConflict.match"), node: node, path: object.path("match")) }
            for (index, element) in list.enumerated() {
                if let basis = decoder.choice(element, at: object.path("match").appending(index), as: ChannelConflictBasis.self) {
                    bases.insert(basis)
                }
            }
        } else {
            bases = Set(ChannelConflictBasis.allCases)
        }
        // A basis needs its field: say so where the basis is asked for.
        let fieldOf: [ChannelConflictBasis: (String?, String)] = [
            .domain: (settings.domainField, "domainField"), .email: (settings.emailField, "emailField"),
            .name: (settings.nameField, "nameField"),
        ]
        for basis in bases.sorted() where fieldOf[basis]?.0 == nil {
            let key = fieldOf[basis]?.1 ?? ""
            if !object.has(key) {
                decoder.report(.missingKey(key), node: object["match"] ?? node, path: object.path(key))
            }
        }
        settings.matcher.bases = bases
        if let node = object["nameThreshold"], let value = decoder.number(node, at: object.path("nameThreshold")) {
            let threshold = NSDecimalNumber(decimal: value).doubleValue
            if threshold >= 0.5, threshold <= 1 {
                settings.matcher.nameThreshold = threshold
            } else {
                decoder.report(.invalidValue(value.description, rule: "is not a similarity from 0.5 to 1",
                                             hint: "e.g. 0.92; lower finds more near-duplicates, and more false ones"),
                               node: node, path: object.path("nameThreshold"))
            }
        }
        if let node = object["onMatch"], let status = refs.status(node, at: object.path("onMatch")) {
            if status == .duplicate || status == .underReview {
                settings.onMatch = status
            } else {
                decoder.report(.notOneOf(status.rawValue, allowed: ["duplicate", "under_review"], suggestion: nil),
                               node: node, path: object.path("onMatch"))
            }
        }
        return settings
    }
}
