/// The runtime's life: created → running → stopping → finished.
enum RuntimePhase: Sendable, Hashable {
    case created
    case running
    case stopping
    case finished
}
