import Foundation
import Synchronization

/// Sign-ins already looked up, so a signed-in request does not wait for a database
/// read to learn who is asking. An entry is good while its person's generation
/// (`DatabaseChanges`) stands: signing out, a role or name change and a new notice are
/// all writes that move it. Expiry depends on the clock too, so it is checked on
/// every use.
final class SignedInCache: Sendable {
    private let entries = Mutex<[Data: SignedIn]>([:])
    /// More sign-ins than this kept at once starts the table over.
    private let maximumEntries = 10_000

    func signedIn(tokenHash: Data, changes: DatabaseChanges) -> SignedIn? {
        guard let known = entries.withLock({ $0[tokenHash] }), let generation = known.generation,
              changes.generation(for: known.viewer.id) == generation
        else { return nil }
        return known
    }

    func keep(_ signedIn: SignedIn, tokenHash: Data) {
        guard signedIn.generation != nil else { return }
        entries.withLock { entries in
            if entries.count >= maximumEntries { entries.removeAll() }
            entries[tokenHash] = signedIn
        }
    }
}
