import GRDB
import Synchronization

/// Counts committed write transactions, so that what was read at one count is known
/// to be current while the count stands: the page cache (CohortWeb's `PageCache`) and
/// `SignedInCache` key on it. Most writes change what everyone may see and move the
/// shared count. A few change only what one person sees (their read positions, their
/// notices read, their session's last use) and move that person's count alone, so
/// reading a thread does not throw away everyone else's pages.
/// Writes by another process (the `cohort` command) are counted when
/// `AppDatabase.noticeWritesByOtherProcesses()` sees them.
public final class DatabaseChanges: TransactionObserver, Sendable {
    /// What a page shown to one person was read at.
    public struct Generation: Equatable, Sendable {
        public let shared: UInt64
        public let personal: UInt64
    }

    /// Tables whose rows each belong to one person and are shown to them alone.
    static let personalTables: Set<String> = ["topicVisit", "notice", "loginSession", "draft", "heldForm"]

    private struct State {
        var shared: UInt64 = 0
        /// Personal counts since the last shared change (which outdates every page anyway).
        var personal: [Int64: UInt64] = [:]
        /// Every commit, to tell whether anything at all was written during a read.
        var commits: UInt64 = 0
        /// Set inside a write transaction by `onlyChanges(seenBy:)`.
        var owner: Int64?
        var touchedSharedTable = false
        /// SQLite's `data_version` on the writer connection when last looked at.
        var dataVersion: Int64?
    }

    private let state = Mutex(State())

    public func generation(for userId: Int64) -> Generation {
        state.withLock { Generation(shared: $0.shared, personal: $0.personal[userId] ?? 0) }
    }

    /// Taken before a read whose reader is not known yet (a session lookup).
    public var commits: UInt64 { state.withLock { $0.commits } }

    /// The person's generation, if nothing was committed since `commits` was taken;
    /// nil when something was, as the read may have seen it half-way.
    public func generation(for userId: Int64, ifNoCommitSince commits: UInt64) -> Generation? {
        state.withLock { $0.commits == commits ? Generation(shared: $0.shared, personal: $0.personal[userId] ?? 0) : nil }
    }

    /// Called inside a write transaction that changes only what `userId` sees. A
    /// change to any table outside `personalTables` still counts as shared.
    func onlyChanges(seenBy userId: Int64) {
        state.withLock { $0.owner = userId }
    }

    /// Only whether a transaction changes a shared table matters, so personal tables
    /// are not listened to, and the first shared change ends the listening.
    public func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        !Self.personalTables.contains(eventKind.tableName)
    }

    public func databaseDidChange(with event: DatabaseEvent) {
        state.withLock { $0.touchedSharedTable = true }
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    /// Called after the commit, so a page read before it carries the old count.
    public func databaseDidCommit(_ db: Database) {
        state.withLock { state in
            if let owner = state.owner, !state.touchedSharedTable {
                state.personal[owner, default: 0] += 1
            } else {
                state.shared += 1
                state.personal.removeAll()
            }
            state.commits += 1
            state.owner = nil
            state.touchedSharedTable = false
        }
    }

    /// A new `data_version` from the writer connection: when it moved, another process
    /// committed, which may have changed anything, so it counts as a shared change.
    func note(dataVersion: Int64) -> Bool {
        state.withLock { state in
            defer { state.dataVersion = dataVersion }
            guard let last = state.dataVersion, last != dataVersion else { return false }
            state.shared += 1
            state.personal.removeAll()
            state.commits += 1
            return true
        }
    }

    public func databaseDidRollback(_ db: Database) {
        state.withLock { state in
            state.owner = nil
            state.touchedSharedTable = false
        }
    }
}
