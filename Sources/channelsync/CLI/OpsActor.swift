import Foundation

/// Who ran an ops command that writes, for the journal row it adds:
/// the login name of the real user, and the sudo user behind root.
enum OpsActor {
    static var current: String {
        let uid = getuid()
        let name = getpwuid(uid).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "uid \(uid)"
        if uid == 0, let sudoUser = ProcessInfo.processInfo.environment["SUDO_USER"], !sudoUser.isEmpty {
            return "\(name) (sudo from \(TextTable.printable(sudoUser)))"
        }
        return name
    }
}
