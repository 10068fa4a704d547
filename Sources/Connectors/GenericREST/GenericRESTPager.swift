import Foundation
import SyncCore
import SyncHTTP

/// Builds list requests and reads "is there a next page, and which" from list responses,
/// for every `GenericRESTPaging` style. Pure: no I/O.
struct GenericRESTPager: Sendable {
    let paging: GenericRESTPaging
    /// `scheme://host[:port]` of the base URL: next links must stay on it, because the
    /// request carries the remote's credentials.
    let origin: String
    /// The list endpoint's URL without query.
    let listURL: String
    /// Constant parameters (and the field selection), sent on every request we build.
    let constant: [URLQueryItem]

    init(paging: GenericRESTPaging, baseURL: String, listPath: String, constant: [URLQueryItem]) {
        self.paging = paging
        origin = Self.origin(of: baseURL)
        listURL = baseURL + listPath
        self.constant = constant
    }

    /// The request for the page `marker` names (nil: the first page).
    func request(for marker: PageMarker?) -> HTTPRequest {
        if case .link(let url)? = marker {
            return HTTPRequest(.get, url, headers: ["Accept": "application/json"])
        }
        var query = constant
        func add(_ name: String?, _ value: Int) {
            if let name { query.append(URLQueryItem(name: name, value: String(value))) }
        }
        switch paging {
        case .offset(let offsetParam, let limitParam, let size, _, _, _):
            add(offsetParam, sentOffset(marker))
            add(limitParam, size)
        case .page(let pageParam, let sizeParam, let size, let first, _, _):
            if case .page(let page)? = marker { add(pageParam, page) } else { add(pageParam, first) }
            add(sizeParam, size)
        case .cursor(let cursorParam, let limitParam, let size, _, _):
            if case .cursor(let cursor)? = marker { query.append(URLQueryItem(name: cursorParam, value: cursor)) }
            add(limitParam, size)
        case .nextLink(let limitParam, let size, _), .linkHeader(let limitParam, let size):
            add(limitParam, size)
        case .none:
            break
        }
        return HTTPRequest(.get, listURL, query: query, headers: ["Accept": "application/json"])
    }

    /// The next page after `marker`, given its response and how many records it held;
    /// nil at the end. Throws a reason when the marker is unusable.
    func next(after marker: PageMarker?, body: JSONValue, headers: HTTPHeaders, received: Int) throws(PagerProblem)
        -> PageMarker? {
        switch paging {
        case .offset(_, _, let size, let nextPath, let totalPath, _):
            let offset = sentOffset(marker)
            if let nextPath {
                guard let value = try Self.wholeNumber(at: nextPath, in: body, increment: offset + received) else { return nil }
                guard value > offset else { throw PagerProblem("'\(nextPath)' gave offset \(value), not after \(offset)") }
                return .offset(value)
            }
            let following = offset + received
            if received == 0 { return nil }
            if let totalPath {
                guard let total = try Self.wholeNumber(at: totalPath, in: body, increment: nil) else { return nil }
                return following < total ? .offset(following) : nil
            }
            return received < size ? nil : .offset(following)
        case .page(_, _, let size, let first, let nextPath, let totalPath):
            let page = if case .page(let value)? = marker { value } else { first }
            if let nextPath {
                guard let value = try Self.wholeNumber(at: nextPath, in: body, increment: page + 1) else { return nil }
                guard value > page else { throw PagerProblem("'\(nextPath)' gave page \(value), not after \(page)") }
                return .page(value)
            }
            if received == 0 { return nil }
            if let totalPath {
                guard let total = try Self.wholeNumber(at: totalPath, in: body, increment: nil) else { return nil }
                return (page - first + 1) * size < total ? .page(page + 1) : nil
            }
            return received < size ? nil : .page(page + 1)
        case .cursor(_, _, _, let nextPath, let hasMorePath):
            if let hasMorePath, hasMorePath.read(body)?.boolValue != true { return nil }
            guard let value = nextPath.read(body), let cursor = value.scalarText, !cursor.isEmpty, value != .bool(false)
            else { return nil }
            return .cursor(cursor)
        case .nextLink(_, _, let nextPath):
            guard let value = nextPath.read(body), value != .null, value != .bool(false) else { return nil }
            guard let link = value.stringValue else { throw PagerProblem("'\(nextPath)' is \(OptionReader.describe(value)), not a URL") }
            return link.isEmpty ? nil : .link(try resolve(link))
        case .linkHeader:
            guard let link = Self.nextLink(in: headers) else { return nil }
            return .link(try resolve(link))
        case .none:
            return nil
        }
    }

    /// Whether the page `marker` names starts with the previous page's last record.
    func overlaps(_ marker: PageMarker?) -> Bool {
        guard case .offset(_, _, _, _, _, true) = paging, case .offset(let offset)? = marker else { return false }
        return offset > 0
    }

    /// The offset actually asked for: one before the page when it overlaps.
    func sentOffset(_ marker: PageMarker?) -> Int {
        guard case .offset(let offset)? = marker else { return 0 }
        return overlaps(marker) ? offset - 1 : offset
    }

    /// A next link as a full URL on the base URL's origin.
    func resolve(_ link: String) throws(PagerProblem) -> String {
        let lower = link.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            let linkOrigin = Self.origin(of: link)
            guard linkOrigin.lowercased() == origin.lowercased() else {
                throw PagerProblem("the next link leads to \(linkOrigin), not \(origin); it is not followed (the request would carry this remote's credentials)")
            }
            return link
        }
        if link.hasPrefix("//") { throw PagerProblem("the next link '\(link)' names another host") }
        if link.hasPrefix("/") { return origin + link }
        if link.hasPrefix("?") { return listURL + link }
        throw PagerProblem("the next link '\(link)' is neither absolute nor relative to the host")
    }

    /// `scheme://authority` of a URL (everything before the path).
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        return String(url[..<end])
    }

    /// A whole number at `path`: nil when absent, null, `false` or empty (the end);
    /// `true` means `increment` (the obvious next one) where the style has one.
    static func wholeNumber(at path: ResponsePath, in body: JSONValue, increment: Int?) throws(PagerProblem) -> Int? {
        guard let value = path.read(body) else { return nil }
        switch value {
        case .null, .bool(false): return nil
        case .bool(true):
            guard let increment else { throw PagerProblem("'\(path)' is true, not a number") }
            return increment
        case .string(let text) where text.isEmpty: return nil
        default:
            guard let number = value.int64Value, number >= 0, number <= Int64(Int32.max) else {
                throw PagerProblem("'\(path)' is \(OptionReader.describe(value)), not a whole number")
            }
            return Int(number)
        }
    }

    /// The `rel="next"` target of RFC 8288 `Link` headers.
    static func nextLink(in headers: HTTPHeaders) -> String? {
        for header in headers.values(for: "Link") {
            for entry in header.split(separator: ",") {
                let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
                let isNext = parts.dropFirst().contains { parameter in
                    let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard pair.count == 2, pair[0].lowercased() == "rel" else { return false }
                    let relations = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
                    return relations.split(separator: " ").contains("next")
                }
                if isNext { return String(target.dropFirst().dropLast()) }
            }
        }
        return nil
    }
}
