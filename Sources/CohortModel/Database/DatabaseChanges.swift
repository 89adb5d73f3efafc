import GRDB
import Synchronization

/// Counts committed write transactions. A page rendered while the count was N is
/// still true while it is N: the page cache (CohortWeb's `PageCache`) keys on it.
/// Writes by another process (the `cohort` command) are not counted.
public final class DatabaseChanges: TransactionObserver, Sendable {
    private let count = Atomic<UInt64>(0)

    public var generation: UInt64 { count.load(ordering: .acquiring) }

    // Only commits matter, not which rows changed, so no per-row events are asked for.
    public func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    public func databaseDidChange(with event: DatabaseEvent) {}
    public func databaseDidRollback(_ db: Database) {}

    /// Called after the commit, so a page read before it is tagged with the old count.
    public func databaseDidCommit(_ db: Database) {
        count.add(1, ordering: .releasing)
    }
}
