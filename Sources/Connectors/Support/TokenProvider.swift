import Foundation
import Synchronization
import SyncCore
import SyncHTTP

/// The access token of one remote: loaded from the token store, minted on first use,
/// refreshed shortly before it expires, re-minted when the remote says the session is over,
/// and saved after every mint. Shared by all mappings using the connector; one mint at a
/// time (a caller waiting on the lock gets the token the other one minted).
final class TokenProvider: Sendable {
    /// Builds the token request; `previous` is the last token (its refresh token may be
    /// newer than the one in the credentials).
    typealias Grant = @Sendable (_ previous: OAuthToken?) throws(ConnectorError) -> OAuthTokenRequest

    private struct State {
        var loaded = false
        var token: OAuthToken?
        /// False after the remote refused `token`: the next caller mints.
        var usable = false
    }

    private let state = Mutex(State())
    private let client: HTTPClient
    private let usage: UsageMeter
    private let clock: ConnectorClock
    private let store: TokenStore
    private let grant: Grant
    /// Refresh this long before `expiresAt`.
    private let refreshMargin: Int64

    init(client: HTTPClient, usage: UsageMeter, clock: ConnectorClock, store: TokenStore, refreshMargin: Int64,
         grant: @escaping Grant) {
        self.client = client
        self.usage = usage
        self.clock = clock
        self.store = store
        self.refreshMargin = refreshMargin
        self.grant = grant
    }

    var remote: String { client.remote.name }

    /// A token good for at least the refresh margin.
    func current() throws(ConnectorError) -> OAuthToken {
        let now = clock.now()
        return try state.withLock { (state: inout State) throws(ConnectorError) -> OAuthToken in
            if !state.loaded {
                state.loaded = true
                state.token = store.load()
                state.usable = state.token != nil
            }
            if let token = state.token, state.usable, !token.needsRefresh(now: now, margin: refreshMargin) {
                return token
            }
            let minted = try mint(previous: state.token)
            state.token = minted
            state.usable = true
            store.save(minted)
            return minted
        }
    }

    /// The remote refused `token`: the next `current()` mints a new one, unless another
    /// caller already replaced it.
    func invalidate(_ token: OAuthToken) {
        state.withLock { state in
            if state.token?.accessToken == token.accessToken { state.usable = false }
        }
    }

    /// Mints with `previous`'s refresh token; when the endpoint refuses a refresh token
    /// kept from an earlier run, tries once more with the one in the credentials (an
    /// operator may have replaced it).
    private func mint(previous: OAuthToken?) throws(ConnectorError) -> OAuthToken {
        let form = try grant(previous)
        do {
            return try mint(form, previous: previous)
        } catch .tokenRefused(let remote, let status, let code, let message) {
            guard let kept = previous?.refreshToken, form.refreshToken == kept else {
                throw .tokenRefused(remote: remote, status: status, code: code, message: message)
            }
            var withoutKept = previous
            withoutKept?.refreshToken = nil
            let fresh = try grant(withoutKept)
            guard fresh.refreshToken != kept else {
                throw .tokenRefused(remote: remote, status: status, code: code, message: message)
            }
            return try mint(fresh, previous: withoutKept)
        }
    }

    private func mint(_ form: OAuthTokenRequest, previous: OAuthToken?) throws(ConnectorError) -> OAuthToken {
        var request = HTTPRequest(.post, form.endpoint, headers: [
            "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json",
        ], body: FormBody.encode(form.fields))
        request.secretValues = form.secrets
        let response: HTTPResponse
        do {
            response = try client.send(request)
        } catch {
            usage.count(attempts: error.failure?.attempts ?? 0)
            if case .status(let failure) = error, let status = failure.status, (400..<500).contains(status), status != 429 {
                let detail = RemoteErrorDetail.parse(failure.responseBody)
                throw .tokenRefused(remote: remote, status: status, code: detail?.code,
                                    message: detail?.message ?? failure.bodyExcerpt)
            }
            throw .transport(error)
        }
        usage.count(attempts: response.attempts)
        let endpoint = "POST token"
        let body = try ResponseBody.object(response, remote: remote, endpoint: endpoint)
        guard let access = body["access_token"]?.stringValue, !access.isEmpty else {
            throw .malformedResponse(remote: remote, endpoint: endpoint, reason: "no access_token in the token response")
        }
        let now = clock.now()
        let expiresIn = body["expires_in"]?.int64Value
        return OAuthToken(
            accessToken: access,
            refreshToken: body["refresh_token"]?.stringValue ?? form.refreshToken ?? previous?.refreshToken,
            // Salesforce `instance_url`; Zoho's data-centre `api_domain`.
            instanceURL: body["instance_url"]?.stringValue ?? body["api_domain"]?.stringValue ?? previous?.instanceURL,
            expiresAt: expiresIn.map { now + $0 * 1000 },
            issuedAt: now)
    }
}
