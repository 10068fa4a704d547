import Foundation
import SyncStore

/// Opens the state database for an ops command and turns every failure into a
/// message that names the file and what decided its path.
enum StateAccess {
    /// Read-only: never creates, migrates or writes; works while the daemon writes.
    static func openReadOnly(_ location: DatabaseLocation) throws(CLIError) -> SyncState {
        do {
            return try SyncState.openReadOnly(path: location.path)
        } catch {
            throw failure(error, location)
        }
    }

    /// Read-write for one short IMMEDIATE transaction (resolve, retry, prune); the
    /// busy timeout waits out the daemon's own transactions.
    static func openForOps(_ location: DatabaseLocation) throws(CLIError) -> SyncState {
        do {
            return try SyncState.openForOps(path: location.path)
        } catch {
            throw failure(error, location)
        }
    }

    /// Any store error as the command's failure message (descriptions hold the SQL
    /// with placeholders, never bound values).
    static func failure(_ error: any Error, _ location: DatabaseLocation) -> CLIError {
        switch error {
        case StoreError.databaseMissing:
            return .failure("no database at \(location.path) (from \(location.origin)); "
                + "the daemon creates it on its first start, or give --db PATH")
        case let error as StoreError:
            return .failure(error.description)
        case let error as StateError:
            return .failure(error.description)
        case let error as CLIError:
            return error
        default:
            return .failure(String(describing: error))
        }
    }

    /// Runs `body` and closes the state whatever happens.
    static func using<T>(_ state: SyncState, _ location: DatabaseLocation,
                         _ body: (SyncState) throws -> T) throws(CLIError) -> T {
        defer { try? state.close() }
        do {
            return try body(state)
        } catch {
            throw failure(error, location)
        }
    }
}
