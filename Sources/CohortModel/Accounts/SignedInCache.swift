import Foundation
import Synchronization

/// Sign-ins already looked up, so a signed-in request does not wait for a database
/// read to learn who is asking. An entry is good while nothing has been written
/// (`DatabaseChanges`): signing out, a role or name change and a new notice are all
/// writes. Expiry depends on the clock too, so it is checked on every use.
final class SignedInCache: Sendable {
    private struct State {
        var generation: UInt64 = .max
        var entries: [Data: SignedIn] = [:]
    }

    private let state = Mutex(State())
    /// More sessions than this seen between two writes starts the table over.
    private let maximumEntries = 10_000

    func signedIn(tokenHash: Data, generation: UInt64) -> SignedIn? {
        state.withLock { $0.generation == generation ? $0.entries[tokenHash] : nil }
    }

    func keep(_ signedIn: SignedIn, tokenHash: Data, generation: UInt64) {
        state.withLock { state in
            if state.generation != generation || state.entries.count >= maximumEntries {
                state = State(generation: generation)
            }
            state.entries[tokenHash] = signedIn
        }
    }
}
