import CohortModel
import Foundation
import HTTPTypes
import NIOCore
import Synchronization

/// Signed-in pages as they were sent, served again while nothing they show has
/// been written and the minute has not turned. A page is a function of the database,
/// the session, the address and the clock (times and days left). Every committed write
/// that others could see moves the shared `DatabaseChanges` generation on, which drops
/// every page; a write only its author sees (reading a thread) drops only that
/// person's. Pages are per session, so no one is ever sent someone else's.
final class PageCache: Sendable {
    struct Key: Hashable {
        let sessionId: Int64
        let authority: String
        let uri: String
        let gzip: Bool
    }

    /// What a page was true of: taken before the page was read, so that a write during
    /// the reading leaves the page stale rather than kept as current.
    struct Stamp: Equatable {
        let generation: DatabaseChanges.Generation
        let minute: Int
    }

    struct Page {
        let headers: HTTPFields
        let body: ByteBuffer
    }

    private struct State {
        var pages: [Key: (page: Page, stamp: Stamp)] = [:]
        var bytes = 0
    }

    private let changes: DatabaseChanges
    private let maximumBytes: Int
    private let state = Mutex(State())
    private let served = Atomic(0)

    /// How many pages were sent from the cache.
    var hits: Int { served.load(ordering: .relaxed) }

    /// Pages larger than this are not kept.
    static let maximumPageBytes = 1 << 20

    /// The clock that turns the minute; tests pin it.
    let now: @Sendable () -> Date

    init(changes: DatabaseChanges, maximumBytes: Int = 32 << 20, now: @escaping @Sendable () -> Date = Date.init) {
        self.changes = changes
        self.maximumBytes = maximumBytes
        self.now = now
    }

    /// What a page for `userId` would be true of now.
    func stamp(for userId: Int64, now: Date) -> Stamp {
        Stamp(generation: changes.generation(for: userId), minute: Self.minute(now))
    }

    /// `generation`: when the oldest data the page shows was read.
    static func stamp(_ generation: DatabaseChanges.Generation, now: Date) -> Stamp {
        Stamp(generation: generation, minute: minute(now))
    }

    private static func minute(_ date: Date) -> Int { Int(date.timeIntervalSince1970 / 60) }

    /// The page kept for `key`, if it is still true of `current`.
    func page(for key: Key, current: Stamp) -> Page? {
        let page = state.withLock { state in state.pages[key].flatMap { $0.stamp == current ? $0.page : nil } }
        if page != nil { served.add(1, ordering: .relaxed) }
        return page
    }

    /// Keeps a page read at `stamp`, unless something it shows changed since.
    func keep(_ page: Page, for key: Key, at stamp: Stamp, userId: Int64) {
        guard page.body.readableBytes <= Self.maximumPageBytes, stamp.generation == changes.generation(for: userId) else { return }
        state.withLock { state in
            if state.bytes + page.body.readableBytes > maximumBytes {
                // Pages outdated by a write are only dropped here, when the cache is full:
                // starting over is simplest, and a full cache is mostly outdated pages.
                state = State()
            }
            state.bytes += page.body.readableBytes - (state.pages.updateValue((page, stamp), forKey: key)?.page.body.readableBytes ?? 0)
        }
    }
}
