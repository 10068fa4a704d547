import Foundation

/// Where a command prints. Tests run the real binary, so this stays tiny.
struct Console: Sendable {
    let writeOut: @Sendable (String) -> Void
    let writeErr: @Sendable (String) -> Void

    func out(_ line: String) { writeOut(line + "\n") }
    func err(_ line: String) { writeErr(line + "\n") }

    static let standard = Console(
        writeOut: { FileHandle.standardOutput.write(Data($0.utf8)) },
        writeErr: { FileHandle.standardError.write(Data($0.utf8)) })
}
