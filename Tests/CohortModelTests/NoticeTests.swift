import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct NoticeTests {
    @Test func mentionsNotifyOnlyMembersWhoCanReadTheBoard() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        _ = try await world.reply(topic, "@Cleo Park knows this, and @otto too. Not @cleo.parkinson though.", by: world.ben)
        #expect(try await world.notices(world.cleo).map(\.kind) == [.mention])
        #expect(try await world.notices(world.outsider).isEmpty)
        // The asker hears of the reply as a reply, once.
        #expect(try await world.notices(world.ada).map(\.kind) == [.reply])
        // Mentioning by the email's name works too; editing does not notify twice.
        let post = try await world.reply(topic, "cc @fay", by: world.cleo)
        #expect(try await world.notices(world.facilitator).map(\.kind) == [.mention])
        _ = try await world.database.editPost(id: post.id!, body: "cc @fay and @ada", viewer: world.cleo)
        #expect(try await world.notices(world.facilitator).count == 1)
        #expect(try await world.notices(world.ada).map(\.kind) == [.mention, .reply, .reply])
    }

    @Test func watchersHearOfRepliesAndNewThreads() async throws {
        let world = try await BoardWorld()
        let qa = try await world.board("Q&A")
        try await world.database.setWatching(boardId: qa.id!, true, viewer: world.facilitator)
        let topic = try await world.ask()
        #expect(try await world.notices(world.facilitator).map(\.kind) == [.watchedBoard])
        try await world.database.setWatching(topicId: topic.id!, true, viewer: world.cleo)
        _ = try await world.reply(topic, "An answer", by: world.ben)
        #expect(try await world.notices(world.cleo).map(\.kind) == [.watchedTopic])
        #expect(try await world.notices(world.ada).map(\.kind) == [.reply])  // authors watch their threads; told once
        try await world.database.setWatching(topicId: topic.id!, false, viewer: world.cleo)
        _ = try await world.reply(topic, "Another", by: world.ben)
        #expect(try await world.notices(world.cleo).count == 1)
    }

    @Test func noticesAreReadOneByOneOrAllAtOnceAndOnlyByTheirOwner() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        _ = try await world.reply(topic, "one", by: world.ben)
        _ = try await world.reply(topic, "two", by: world.cleo)
        #expect(try await world.database.unreadNoticeCount(userId: world.ada.id) == 2)
        let notice = try #require(try await world.notices(world.ada).first)
        await #expect(throws: BoardError.postNotFound) { try await world.database.openNotice(id: notice.id!, viewer: world.ben) }
        let link = try await world.database.openNotice(id: notice.id!, viewer: world.ada)
        #expect(link.hasPrefix("/threads/\(topic.id!)#post-"))
        #expect(try await world.database.unreadNoticeCount(userId: world.ada.id) == 1)
        try await world.database.markAllNoticesRead(viewer: world.ada)
        #expect(try await world.database.unreadNoticeCount(userId: world.ada.id) == 0)
        #expect(try await world.database.repliesToMe(viewer: world.ada).count == 2)
    }

    @Test func unreadTracksWhatIsNewToMe() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        let qa = try await world.board("Q&A")
        #expect(try await world.database.boardPage(id: qa.id!, viewer: world.ada).topics[0].unread == false)
        #expect(try await world.database.boardPage(id: qa.id!, viewer: world.ben).topics[0].unread)
        try await world.database.markThreadSeen(id: topic.id!, viewer: world.ben)
        let first = try await world.reply(topic, "new one", by: world.cleo)
        _ = try await world.reply(topic, "new two", by: world.cleo)
        let view = try await world.database.thread(id: topic.id!, viewer: world.ben)
        #expect(view.newCount == 2)
        #expect(view.firstNewPostId == first.id)
        #expect(try await world.database.boardPage(id: qa.id!, viewer: world.ben).topics[0].unread)
        try await world.database.markThreadSeen(id: topic.id!, viewer: world.ben)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.ben).newCount == 0)
    }

    @Test func aThreadKnowsWhenReadingItNeedsNoWrite() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        _ = try await world.reply(topic, "one", by: world.ben)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.ada).isSeenUpToDate == false)  // a notice and a new post
        try await world.database.markThreadSeen(id: topic.id!, viewer: world.ada)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.ada).isSeenUpToDate)
        try await world.database.markAllNoticesRead(viewer: world.cleo)
        try await world.database.markThreadSeen(id: topic.id!, viewer: world.cleo)
        _ = try await world.reply(topic, "two", by: world.ben)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.cleo).isSeenUpToDate == false)  // a new post only
    }
}

@Suite struct NoticeGroupTests {
    /// Eighty replies in a watched thread are one line, newest first among the rest.
    @Test func manyRepliesInOneThreadAreOneLineAndTheListIsInDateOrder() async throws {
        let world = try await BoardWorld()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let topic = try await world.ask("Rubrics", by: world.ada, at: start)
        for minute in 1...12 {
            let who = [world.ben, world.cleo, world.facilitator][minute % 3]
            _ = try await world.reply(topic, "Reply \(minute)", by: who, at: start.addingTimeInterval(Double(minute) * 60))
        }
        let other = try await world.ask("Citations", by: world.ben, kind: .discussion, board: "General",
                                        at: start.addingTimeInterval(3600))
        _ = try await world.reply(other, "Thanks @Ada Lovelace", by: world.cleo, at: start.addingTimeInterval(3700))

        let groups = try await world.database.noticeGroups(for: world.ada)
        #expect(groups.first?.text.hasPrefix("Cleo Park mentioned you") == true)  // the newest first
        let replies = try #require(groups.first { $0.text.contains("“Rubrics”") })
        #expect(replies.count == 12 && replies.unread)
        #expect(replies.text == "Ben Carter and 2 others replied to you in “Rubrics” (12 replies)")  // the latest first
        #expect(replies.link.hasSuffix("#post-\(topic.lastPostId + 1)"))  // reading starts at the first of them
        #expect(groups.filter { $0.text.contains("“Rubrics”") }.count == 1)
        #expect(zip(groups, groups.dropFirst()).allSatisfy { $0.latestAt >= $1.latestAt })

        try await world.database.markThreadSeen(id: topic.id!, viewer: world.ada)
        _ = try await world.reply(topic, "One more", by: world.ben, at: start.addingTimeInterval(7200))
        let after = try await world.database.noticeGroups(for: world.ada).filter { $0.text.contains("“Rubrics”") }
        #expect(after.map(\.unread) == [true, false])
        #expect(after[0].text == "Ben Carter replied to you in “Rubrics”")
    }
}
