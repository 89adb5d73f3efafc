import CohortModel
import CohortURLs
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import CohortWeb

@Suite struct PageCacheTests {
    /// The minute never turns during these tests, however slowly they run.
    static let pinned = Date()

    @Test func aPageIsKeptUntilTheNextWriteOrTheNextMinute() async throws {
        let database = try AppDatabase.inMemory()
        let cache = PageCache(changes: database.changes)
        let now = Date(timeIntervalSince1970: 1_800_000_000)  // on a minute boundary
        let key = PageCache.Key(sessionId: 1, authority: "cohort.test", uri: "/threads/1", gzip: false)
        let page = PageCache.Page(headers: [.contentType: "text/html"], body: ByteBuffer(string: "<p>thread</p>"))
        cache.keep(page, for: key, at: cache.stamp(for: 7, now: now), userId: 7)
        #expect(cache.page(for: key, current: cache.stamp(for: 7, now: now.addingTimeInterval(59)))?.body == page.body)
        #expect(cache.page(for: PageCache.Key(sessionId: 2, authority: "cohort.test", uri: "/threads/1", gzip: false),
                           current: cache.stamp(for: 7, now: now)) == nil)
        #expect(cache.page(for: key, current: cache.stamp(for: 7, now: now.addingTimeInterval(60))) == nil)
        try await database.writer.write { try $0.execute(sql: "UPDATE user SET name = name") }
        #expect(cache.page(for: key, current: cache.stamp(for: 7, now: now)) == nil)
        #expect(cache.hits == 1)
    }

    @Test func aPageReadBeforeAWriteIsNotKept() async throws {
        let database = try AppDatabase.inMemory()
        let cache = PageCache(changes: database.changes)
        let key = PageCache.Key(sessionId: 1, authority: "", uri: "/", gzip: true)
        let before = cache.stamp(for: 7, now: Date())
        try await database.writer.write { try $0.execute(sql: "UPDATE user SET name = name") }
        cache.keep(PageCache.Page(headers: [:], body: ByteBuffer(string: "old")), for: key, at: before, userId: 7)
        #expect(cache.page(for: key, current: before) == nil)
        #expect(cache.page(for: key, current: cache.stamp(for: 7, now: Date())) == nil)
    }

    @Test func pagesFollowEveryWriteAndAreNeverSharedBetweenPeople() async throws {
        var world = try await CohortWorld()
        let database = world.world.database
        let cache = PageCache(changes: database.changes, now: { Self.pinned })
        world.world.settings.pageCache = cache
        let fay = try await database.viewer(userId: try #require(await database.user(email: "fa@school.org")).id!)
        let board = try await database.boards(forCohort: world.cohortA.id!, viewer: fay).first!.board
        let topic = try await database.startTopic(boardId: board.id!, title: "Field trip", body: "Who is going?", kind: .discussion, viewer: fay)
        let path = SiteURL.thread.path(topic.id!)
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            _ = try await pat.get(path)  // marks the thread read: a write
            let rendered = try await pat.get(path)
            let again = try await pat.get(path)
            #expect(cache.hits == 1)
            #expect(again.text == rendered.text)

            _ = try await database.reply(topicId: topic.id!, body: "Me, with my class.", viewer: fay, limits: PostingLimits())
            #expect(try await pat.get(path).text.contains("Me, with my class."))
            var facilitator = try await CohortWorld.session(client, as: "facilitatorA")  // signing in is audited: shared
            let patsPage = try await pat.get(path).text  // rendered once Pat has read it, and kept

            let hers = try await facilitator.get(path).text
            #expect(hers.contains("Facilitatora") && !hers.contains("Pat Alpha"))
            #expect(hers.contains(facilitator.csrfToken!) && !hers.contains(pat.csrfToken!))
            let hitsBefore = cache.hits
            #expect(try await pat.get(path).text == patsPage)
            #expect(cache.hits == hitsBefore + 1)  // Fay reading the thread changed nothing Pat sees

            let reply = try await pat.post(path + "/posts", ["body": "See you there."])
            #expect(reply.status == .seeOther)
            let afterReply = try await pat.get(String(try #require(reply.location).prefix { $0 != "#" }))
            #expect(afterReply.text.contains("See you there."))
        }
    }

    @Test func aFlashMessageIsShownOnceNotKept() async throws {
        var world = try await CohortWorld()
        let cache = PageCache(changes: world.world.database.changes, now: { Self.pinned })
        world.world.settings.pageCache = cache
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            _ = try await pat.get("/account")
            #expect(try await pat.post("/account/name", ["name": "Pat A"]).status == .seeOther)
            let withMessage = try await pat.get("/account")
            #expect(withMessage.text.contains("Your name is saved."))
            _ = try await pat.get("/account")
            let later = try await pat.get("/account")
            #expect(!later.text.contains("Your name is saved."))
            #expect(cache.hits == 1)
        }
    }
}
