import Foundation

/// Sleeping in the CLI's polling loops (`journal --follow`), resumed after signals.
enum Pause {
    static func sleep(milliseconds: Int64) {
        var request = timespec(tv_sec: Int(milliseconds / 1_000), tv_nsec: Int(milliseconds % 1_000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR {
            request = remaining
        }
    }
}
