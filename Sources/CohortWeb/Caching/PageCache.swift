import CohortModel
import Foundation
import HTTPTypes
import NIOCore
import Synchronization

/// Signed-in pages as they were sent, served again while nothing has been written
/// and the minute has not turned. A page is a function of the database, the session,
/// the address and the clock (times and days left): every committed write moves
/// `DatabaseChanges.generation` on, which drops every page, and so does the next
/// minute. Pages are per session, so no one is ever sent someone else's.
final class PageCache: Sendable {
    struct Key: Hashable {
        let sessionId: Int64
        let authority: String
        let uri: String
        let gzip: Bool
    }

    /// What the cache's contents were true of, read before a page is rendered so that
    /// a write during the rendering leaves the page stale rather than kept as current.
    struct Stamp: Equatable {
        let generation: UInt64
        let minute: Int
    }

    struct Page {
        let headers: HTTPFields
        let body: ByteBuffer
    }

    private struct State {
        var stamp = Stamp(generation: .max, minute: 0)
        var pages: [Key: Page] = [:]
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

    init(changes: DatabaseChanges, maximumBytes: Int = 32 << 20) {
        self.changes = changes
        self.maximumBytes = maximumBytes
    }

    /// `generation`: when the oldest data the page will show was read, if before now.
    func stamp(generation: UInt64? = nil, now: Date = Date()) -> Stamp {
        Stamp(generation: generation ?? changes.generation, minute: Int(now.timeIntervalSince1970 / 60))
    }

    func page(for key: Key, at stamp: Stamp) -> Page? {
        let page = state.withLock { $0.stamp == stamp ? $0.pages[key] : nil }
        if page != nil { served.add(1, ordering: .relaxed) }
        return page
    }

    func keep(_ page: Page, for key: Key, at stamp: Stamp) {
        guard page.body.readableBytes <= Self.maximumPageBytes, stamp.generation == changes.generation else { return }
        state.withLock { state in
            if state.stamp != stamp {
                state = State(stamp: stamp)
            }
            if state.bytes + page.body.readableBytes > maximumBytes {
                // Rarely reached (32 MB of pages with no write in between); starting over is simplest.
                state.pages.removeAll()
                state.bytes = 0
            }
            state.bytes += page.body.readableBytes - (state.pages.updateValue(page, forKey: key)?.body.readableBytes ?? 0)
        }
    }
}
