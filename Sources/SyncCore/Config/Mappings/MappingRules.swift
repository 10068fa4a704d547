/// The rules of a mapping that look across fields and across sides: unique names
/// and paths, directions that have somewhere to write, policies that can apply,
/// and value maps that can be written back.
struct MappingRules {
    let drafts: [FieldDraft]
    let bindings: [Side: SideBinding]
    let decoder: ConfigDecoder

    /// Fields by name, the first of each name (duplicates are reported by `check`).
    var uniqueFields: [String: FieldDraft] {
        var fields: [String: FieldDraft] = [:]
        for draft in drafts where fields[draft.field.name] == nil { fields[draft.field.name] = draft }
        return fields
    }

    func check() {
        checkNames()
        for draft in drafts {
            checkPathsAndDirection(draft)
            checkPolicy(draft)
            checkValueMaps(draft)
        }
        for side in Side.allCases { checkPathsUnique(side) }
    }

    private func checkNames() {
        var first: [String: FieldDraft] = [:]
        for draft in drafts {
            if let earlier = first[draft.field.name] {
                decoder.report(.duplicateName(kind: "field name", name: draft.field.name, first: earlier.path.description),
                               node: draft.nameNode ?? draft.node, path: draft.path.appending("name"))
            } else {
                first[draft.field.name] = draft
            }
        }
    }

    private func checkPathsAndDirection(_ draft: FieldDraft) {
        let field = draft.field
        guard field.crmPath != nil || field.prmPath != nil else {
            if draft.pathNodes.isEmpty, draft.misspeltSides.isEmpty, draft.malformedPathSides.isEmpty {
                decoder.report(.noPath, node: draft.node, path: draft.path)
            }
            return
        }
        guard let directionNode = draft.directionNode else { return }
        let directionPath = draft.path.appending("direction")
        switch field.direction {
        case .both:
            // Two-way means a path on each side.
            for side in Side.allCases where field.path(side) == nil && !draft.misspeltSides.contains(side) {
                decoder.report(.directionNeedsPath(.both, side: side), node: directionNode, path: directionPath)
            }
        case .toPRM, .toCRM:
            let target: Side = field.direction == .toPRM ? .prm : .crm
            if field.path(target) == nil, !draft.misspeltSides.contains(target) {
                decoder.report(.directionNeedsPath(field.direction, side: target), node: directionNode, path: directionPath)
            }
        case .createOnly:
            // Set once on create, on whichever sides have a path.
            break
        }
    }

    private func checkPolicy(_ draft: FieldDraft) {
        guard draft.field.policy == .manual, draft.field.direction != .both, let node = draft.policyNode else { return }
        decoder.report(.manualPolicyOnOneWayField(draft.field.direction), node: node, path: draft.path.appending("policy"))
    }

    /// Two fields writing one native path (or one inside the other) would overwrite
    /// each other; so would a field written over the side's external-id field.
    private func checkPathsUnique(_ side: Side) {
        // Claimed paths by text, and every proper prefix of a claimed path: each new
        // path is checked in O(depth), so a huge file stays fast.
        var claimed: [String: String] = [:]
        var prefixes: [String: String] = [:]
        let externalIdOwner = "(\(side.rawValue).externalIdField)"
        func claim(_ path: FieldPath, by owner: String) {
            claimed[path.description] = claimed[path.description] ?? owner
            for length in 1..<max(path.components.count, 1) {
                let prefix = path.components.prefix(length).joined(separator: ".")
                prefixes[prefix] = prefixes[prefix] ?? owner
            }
        }
        if let externalId = bindings[side]?.externalIdField { claim(externalId, by: externalIdOwner) }
        for draft in drafts {
            guard let path = draft.field.path(side), let node = draft.pathNodes[side] else { continue }
            let writes = draft.writtenSides.contains(side)
            var owners: [String] = []
            if let owner = claimed[path.description] { owners.append(owner) }
            if let owner = prefixes[path.description] { owners.append(owner) }
            for length in 1..<max(path.components.count, 1) {
                if let owner = claimed[path.components.prefix(length).joined(separator: ".")] { owners.append(owner) }
            }
            if let owner = owners.first(where: { $0 != externalIdOwner || writes }) {
                decoder.report(.duplicatePath(side: side, path: path.description, otherField: owner), node: node,
                               path: draft.path.appending(side.rawValue))
            }
            claim(path, by: draft.field.name)
        }
    }

    /// On every side a field is written to, its value map must say which native
    /// value to write for each canonical value: one native per canonical value (or
    /// a `write` choice), and one for every canonical value the other side can send.
    private func checkValueMaps(_ draft: FieldDraft) {
        guard draft.typeIsKnown else { return }
        for side in draft.writtenSides {
            guard let mapDraft = draft.transforms[side]?.first(where: { $0.transform.valueMapParts != nil }),
                  let parts = mapDraft.transform.valueMapParts else { continue }
            let mapPath = mapDraft.path.appending("valueMap")
            var natives: [String: [String]] = [:]
            for (native, canonical) in parts.map { natives[canonical, default: []].append(native) }
            for (canonical, list) in natives.sorted(by: { $0.key < $1.key }) where list.count > 1 && parts.write[canonical] == nil {
                let sorted = list.sorted()
                let later = laterNative(sorted, in: mapDraft.node)
                let position = mapMemberPosition(mapDraft.node, native: later)
                decoder.report(.nonInvertibleMap(side: side, canonical: canonical, natives: sorted), at: position ?? mapDraft.node.position,
                               path: later.map { mapPath.appending($0) } ?? mapPath)
            }
            guard let reachable = reachableCanonicals(draft, from: side.other) else { continue }
            let missing = reachable.filter { mapDraft.transform.native(forCanonical: $0) == .none }
            if !missing.isEmpty {
                decoder.report(.unwritableValues(side: side, canonical: missing), node: mapDraft.node, path: mapDraft.path)
            }
        }
    }

    /// The canonical values reading `side` can give, when they are a known finite set.
    private func reachableCanonicals(_ draft: FieldDraft, from side: Side) -> [String]? {
        let transforms = draft.field.transforms(side)
        var reachable: [String] = []
        for transform in transforms {
            switch transform {
            case let .constant(.string(value)): return [value]
            case let .defaultValue(.string(value)): reachable.append(value)
            default: break
            }
        }
        if let parts = transforms.lazy.compactMap(\.valueMapParts).first {
            reachable += parts.map.values
            if let fallback = parts.fallback { reachable.append(fallback) }
        } else if draft.field.type == .enum, !draft.field.values.isEmpty {
            reachable += draft.field.values
        } else {
            return nil
        }
        var seen = Set<String>()
        let ordered = draft.field.values.isEmpty ? reachable.sorted() : draft.field.values + reachable.sorted()
        return ordered.filter { reachable.contains($0) && seen.insert($0).inserted }
    }

    /// Of natives sharing a canonical value, the one written last in the file (the
    /// line an admin most likely just added).
    private func laterNative(_ natives: [String], in node: JSON5Node) -> String? {
        guard case let .object(members) = mapObject(node)?.kind else { return natives.last }
        return members.last { natives.contains($0.key) }?.key
    }

    private func mapMemberPosition(_ node: JSON5Node, native: String?) -> SourcePosition? {
        guard let native, case let .object(members) = mapObject(node)?.kind else { return nil }
        return members.first { $0.key == native }?.keyPosition
    }

    /// The `valueMap` object inside a transform object node.
    private func mapObject(_ node: JSON5Node) -> JSON5Node? {
        guard case let .object(members) = node.kind else { return nil }
        return members.first { $0.key == "valueMap" }?.value
    }
}
