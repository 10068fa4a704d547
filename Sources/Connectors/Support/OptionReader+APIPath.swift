extension OptionReader {
    /// An API path below the base URL (`/api/v2`): starts with `/`, no query, no spaces;
    /// a trailing slash is dropped.
    func apiPath(_ key: String) -> String? {
        guard let path = string(key) else { return nil }
        guard path.hasPrefix("/"), !path.contains("?"), !path.contains(where: \.isWhitespace) else {
            report(key, "must be a path starting with '/', got '\(path)'")
            return nil
        }
        return path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}
