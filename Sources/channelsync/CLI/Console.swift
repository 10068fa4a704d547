import Foundation

/// Where a command prints. Tests run the real binary, so this stays tiny.
struct Console: Sendable {
    let writeOut: @Sendable (String) -> Void
    let writeErr: @Sendable (String) -> Void

    func out(_ line: String) { writeOut(line + "\n") }
    func err(_ line: String) { writeErr(line + "\n") }

    static let standard = Console(
        writeOut: { StandardStream.write($0, to: STDOUT_FILENO) },
        writeErr: { StandardStream.write($0, to: STDERR_FILENO) })
}
