import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct SearchAndModerationTests {
    @Test func searchFindsTitlesAndPostsButNeverAnotherCohorts() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask("Citing images in slides", body: "Which licence lets me reuse photographs?")
        _ = try await world.reply(topic, "Creative Commons photographs with attribution work.", by: world.ben)
        let betaBoard = try await world.board("General", of: world.cohortB)
        _ = try await world.database.startTopic(boardId: betaBoard.id!, title: "Photographs secret", body: "Beta photographs",
                                                kind: .discussion, viewer: world.outsider)
        let hits = try await world.database.search(SearchQuery("photographs"), viewer: world.ada)
        #expect(hits.count == 2)
        #expect(hits.allSatisfy { $0.topicId == topic.id })
        #expect(hits.contains { $0.snippetHTML.contains("<mark>photographs</mark>") })
        #expect(try await world.database.search(SearchQuery("citing"), viewer: world.ada).first?.topicTitle == "Citing images in slides")
        #expect(try await world.database.search(SearchQuery("photographs"), authorName: "ben", viewer: world.ada).count == 1)
        let general = try await world.board("General")
        #expect(try await world.database.search(SearchQuery("photographs"), boardId: general.id, viewer: world.ada).isEmpty)
        // FTS syntax typed by a person is just words.
        for odd in ["\"", "photo* OR", "NEAR(a b)", "-photographs", "' OR 1=1 --", "<mark>", "\u{0}", "photo\u{0}graphs"] {
            _ = try await world.database.search(SearchQuery(odd), viewer: world.ada)
        }
        #expect(SearchQuery("photo\u{0}graphs\u{7}x").terms == ["photo", "graphs", "x"])
        #expect(try await world.database.search(SearchQuery("photographs"), viewer: world.outsider).count == 1)
    }

    @Test func snippetsAreEscapedBeforeMatchesAreMarked() async throws {
        let world = try await BoardWorld()
        _ = try await world.ask("Markup", body: "the <script>alert(1)</script> tag and more tag words")
        let hit = try #require(try await world.database.search(SearchQuery("tag"), viewer: world.ada).first)
        #expect(!hit.snippetHTML.contains("<script"))
        #expect(hit.snippetHTML.contains("&lt;script&gt;"))
    }

    @Test func excerptsShowTheWordsAsReadNotTheMarkdownTyped() async throws {
        let world = try await BoardWorld()
        _ = try await world.ask("Formats", body: "A **bold** plan with `code`, [the guide](https://example.org/guide) & <b>notes</b>")
        let hit = try #require(try await world.database.search(SearchQuery("plan"), viewer: world.ada).first)
        #expect(hit.snippetHTML.contains("A bold <mark>plan</mark> with code, the guide &amp; &lt;b&gt;notes&lt;/b&gt;"))
        #expect(try await world.database.search(SearchQuery("https"), viewer: world.ada).isEmpty)  // an address is not a word read
    }

    @Test func resultsComeInPagesAndTheCountIsOfAll() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask("Many", body: "rubric one")
        for index in 2...35 { _ = try await world.reply(topic, "rubric \(index)", by: world.ben) }
        let query = SearchQuery("rubric")
        #expect(try await world.database.searchCount(query, viewer: world.ada) == 35)
        let first = try await world.database.search(query, viewer: world.ada)
        let second = try await world.database.search(query, viewer: world.ada, offset: 30)
        #expect(first.count == 30 && second.count == 5)
        #expect(Set(first.map(\.postId)).isDisjoint(with: second.map(\.postId)))
    }

    @Test func flagsReachTheFacilitatorWhoHidesOrDismisses() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        let rude = try await world.reply(topic, "rude words", by: world.ben)
        let fine = try await world.reply(topic, "fine words", by: world.cleo)
        try await world.database.flagPost(id: rude.id!, reason: "Unkind", viewer: world.ada)
        try await world.database.flagPost(id: fine.id!, reason: "Not sure", viewer: world.ada)
        await #expect(throws: BoardError.alreadyFlagged) { try await world.database.flagPost(id: rude.id!, reason: "Again", viewer: world.ada) }
        await #expect(throws: BoardError.reasonRequired) { try await world.database.flagPost(id: rude.id!, reason: " ", viewer: world.cleo) }
        #expect(try await world.database.flagQueue(viewer: world.ada).isEmpty)
        #expect(try await world.database.flagQueue(viewer: world.outsider).isEmpty)
        let queue = try await world.database.flagQueue(viewer: world.facilitator)
        #expect(queue.map(\.flag.reason) == ["Unkind", "Not sure"])
        await #expect(throws: BoardError.notAllowed) { try await world.database.hidePost(id: rude.id!, reason: "x", viewer: world.ada) }
        try await world.database.hidePost(id: rude.id!, reason: "Breaks the community guidelines", viewer: world.facilitator)
        try await world.database.dismissFlag(id: queue[1].flag.id!, viewer: world.facilitator)
        #expect(try await world.database.flagQueue(viewer: world.facilitator).isEmpty)
        let view = try await world.database.thread(id: topic.id!, viewer: world.ada)
        #expect(view.posts[1].post.hiddenReason == "Breaks the community guidelines")
        try await world.database.setLocked(topicId: topic.id!, true, viewer: world.facilitator)
        await #expect(throws: BoardError.topicLocked) { try await world.reply(topic, "more", by: world.ben) }
        _ = try await world.reply(topic, "Locked for now.", by: world.facilitator)
        let actions = try world.database.auditActions()
        #expect(actions.contains("post.hide") && actions.contains("flag.dismiss") && actions.contains("topic.lock"))
    }

    @Test func postingLimitsSayHowLongToWaitAndHowLongIsTooLong() async throws {
        let world = try await BoardWorld()
        let limits = PostingLimits(postsPerMinute: 3, topicsPerMinute: 1, maximumPostLength: 100)
        let board = try await world.board("General")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let topic = try await world.database.startTopic(boardId: board.id!, title: "One", body: "x", kind: .discussion,
                                                        viewer: world.ada, limits: limits, now: start)
        await #expect(throws: BoardError.tooManyTopics(waitSeconds: 50)) {
            try await world.database.startTopic(boardId: board.id!, title: "Two", body: "x", kind: .discussion,
                                                viewer: world.ada, limits: limits, now: start.addingTimeInterval(10))
        }
        _ = try await world.database.reply(topicId: topic.id!, body: "a", viewer: world.ada, limits: limits, now: start.addingTimeInterval(1))
        _ = try await world.database.reply(topicId: topic.id!, body: "b", viewer: world.ada, limits: limits, now: start.addingTimeInterval(2))
        await #expect(throws: BoardError.tooManyPosts(waitSeconds: 57)) {
            try await world.database.reply(topicId: topic.id!, body: "c", viewer: world.ada, limits: limits, now: start.addingTimeInterval(3))
        }
        _ = try await world.database.reply(topicId: topic.id!, body: "c", viewer: world.ada, limits: limits, now: start.addingTimeInterval(61))
        await #expect(throws: BoardError.bodyTooLong(maximum: 100)) {
            try await world.database.reply(topicId: topic.id!, body: String(repeating: "y", count: 101), viewer: world.ben, limits: limits)
        }
    }

    @Test func boardPagesListPinnedFirstThenByActivityInPages() async throws {
        let world = try await BoardWorld()
        let board = try await world.board("General")
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var topics: [Topic] = []
        for i in 0..<7 {
            topics.append(try await world.ask("Topic \(i)", kind: .discussion, board: "General", at: start.addingTimeInterval(Double(i))))
        }
        try await world.database.setPinned(topicId: topics[0].id!, true, viewer: world.facilitator)
        let first = try await world.database.boardPage(id: board.id!, viewer: world.ben, limit: 3)
        #expect(first.topics.map(\.topic.title) == ["Topic 0", "Topic 6", "Topic 5"])
        let second = try await world.database.boardPage(id: board.id!, viewer: world.ben, after: first.nextPage, limit: 3)
        #expect(second.topics.map(\.topic.title) == ["Topic 4", "Topic 3", "Topic 2"])
        let third = try await world.database.boardPage(id: board.id!, viewer: world.ben, after: second.nextPage, limit: 3)
        #expect(third.topics.map(\.topic.title) == ["Topic 1"])
        #expect(third.nextPage == nil)
    }

    @Test func aModeratorMovesAThreadWithItsCounts() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        _ = try await world.reply(topic, "answer", by: world.ben)
        let general = try await world.board("General")
        try await world.database.moveTopic(topic.id!, toBoard: general.id!, viewer: world.facilitator)
        let boards = try await world.database.boards(forCohort: world.cohortA.id!, viewer: world.ada)
        #expect(boards.first { $0.board.title == "General" }?.board.postCount == 2)
        #expect(boards.first { $0.board.title == "Q&A" }?.board.topicCount == 0)
        let beta = try await world.board("General", of: world.cohortB)
        await #expect(throws: BoardError.boardNotFound) {
            try await world.database.moveTopic(topic.id!, toBoard: beta.id!, viewer: world.facilitator)
        }
    }
}
