import Foundation

/// `orderby=updated desc, id`.
struct ImpartnerOrder: Sendable {
    var keys: [(path: String, descending: Bool)]

    static func parse(_ text: String) throws(ImpartnerExpressionError) -> ImpartnerOrder {
        var keys: [(path: String, descending: Bool)] = []
        for part in text.split(separator: ",") {
            let words = part.split(separator: " ").map(String.init)
            guard let path = words.first, ImpartnerFilter.isPath(path), words.count <= 2 else {
                throw .invalid("orderby takes 'field [asc|desc]' items, not '\(part.trimmingCharacters(in: .whitespaces))'")
            }
            let direction = words.count == 2 ? words[1].lowercased() : "asc"
            guard direction == "asc" || direction == "desc" else { throw .invalid("unknown direction '\(words[1])'") }
            keys.append((path, direction == "desc"))
        }
        return ImpartnerOrder(keys: keys)
    }
}
