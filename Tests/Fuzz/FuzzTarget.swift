import SyncCore

/// libFuzzer's entry point (`make fuzz`): the pure parsers of outside input — a remote's
/// JSON body, a Dataverse `$batch` answer, and the config loader (a service file, a
/// mapping file, and a whole load where the input is the mapping a service file lists).
/// The first byte picks the target. A crash, a hang or a sanitizer report is a finding;
/// a refused input is not. Only built with `CHANNELSYNC_FUZZ=1` (see Package.swift).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 5 {
    case 0:
        do {
            _ = try JSONParser().parse(input)
        } catch {
            precondition(!error.description.isEmpty)
        }
    case 1:
        let text = String(decoding: input, as: UTF8.self)
        _ = MultipartMixed.parts(of: text, boundary: "batchresponse_fuzz")
    case 2:
        report(ConfigLoader.service(input, file: "channelsync.json5").map { _ in () })
    case 3:
        report(ConfigLoader.mapping(input, file: "mapping.json5", remotes: ["crm", "prm"]).map { _ in () })
    default:
        let service = Array("""
            { remotes: [
                { name: "crm", dialect: "salesforce", baseURL: "http://127.0.0.1:1", auth: { kind: "none" } },
                { name: "prm", dialect: "rest", baseURL: "http://127.0.0.1:2", auth: { kind: "none" } } ],
              mappings: ["mapping.json5"] }
            """.utf8)
        report(ConfigLoader.load(path: "/fuzz/channelsync.json5") { path in
            path == "/fuzz/channelsync.json5" ? .success(service) : path == "/fuzz/mapping.json5" ? .success(input) : .failure(.notFound)
        }.map { _ in () })
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<module>_main`; hand control to libFuzzer's
/// driver from there (`LLVMFuzzerRunDriver`, libFuzzer ≥ LLVM 12), with the entry above.
@_cdecl("channelsync_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}

/// `int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*cb)(const uint8_t *, size_t))`;
/// pointer and integer arguments, so the Swift declaration matches the C ABI.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Every error names its file and has a message (what the admin sees).
private func report(_ result: Result<Void, ConfigErrors>) {
    guard case let .failure(errors) = result else { return }
    precondition(!errors.errors.isEmpty, "a failed load without errors")
    for error in errors.errors {
        precondition(error.description.hasPrefix(error.file) && !error.message.isEmpty, "unclear error: \(error)")
    }
}
