extension String {
    /// True for an object name that can go into a URL path as it is (`deals`,
    /// `Potentials`, `custom_objects`): ASCII letters, digits, `_` and `-`.
    var isPlainPathSegment: Bool {
        !isEmpty && unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "-" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        }
    }
}
