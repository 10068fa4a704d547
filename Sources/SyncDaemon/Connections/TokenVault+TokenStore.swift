import Connectors
import Foundation
import SyncCore

extension TokenVault {
    /// A connector's token store kept in this vault under `<remote>.oauth-token` (0600):
    /// a restart reuses the last token instead of minting one. A token that cannot be
    /// read or saved only costs one token request, so failures are logged, not thrown.
    public func tokenStore(remote: String, logger: Logger) -> TokenStore {
        let name = remote + ".oauth-token"
        return TokenStore(
            load: {
                do {
                    guard let secret = try load(name) else { return nil }
                    return try JSONDecoder().decode(OAuthToken.self, from: Data(secret.reveal().utf8))
                } catch {
                    logger.warning("stored token not used", ["remote": remote, "reason": String(describing: error)])
                    return nil
                }
            },
            save: { token in
                do {
                    let data = try JSONEncoder().encode(token)
                    try save(name, Secret(String(decoding: data, as: UTF8.self)))
                } catch {
                    logger.warning("token not saved", ["remote": remote, "reason": String(describing: error)])
                }
            })
    }
}
