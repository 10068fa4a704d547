/// Checks a credential (or token) name before it becomes part of a path.
enum CredentialName {
    static func validate(_ name: String) throws(DaemonError) {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\u{0}"),
              name.utf8.count <= 255 else {
            throw .credentialName(name)
        }
    }
}
