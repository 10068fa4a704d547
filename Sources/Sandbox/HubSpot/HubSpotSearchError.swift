/// Why a search body was refused; the message of HubSpot's 400.
enum HubSpotSearchError: Error {
    case invalid(String)
    case unsupported(String)

    var message: String {
        switch self {
        case let .invalid(message), let .unsupported(message): return message
        }
    }
}
