import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct BoardTests {
    @Test func aCohortGetsItsStandardBoardsAndSharesProgrammeBoards() async throws {
        let world = try await BoardWorld()
        let boards = try await world.database.boards(forCohort: world.cohortA.id!, viewer: world.ada)
        #expect(boards.map(\.board.title) == ["General", "Q&A", "Pre-Work", "Session 1", "Session 2", "Session 3", "Session 4", "Session 5"])
        let shared = try await world.database.addBoard(title: "Portfolio help", cohortId: nil, viewer: world.admin)
        #expect(try await world.database.boards(forCohort: world.cohortA.id!, viewer: world.ada).last?.board.id == shared.id)
        #expect(try await world.database.boards(forCohort: world.cohortB.id!, viewer: world.outsider).last?.board.id == shared.id)
        // Both cohorts write in it.
        _ = try await world.database.startTopic(boardId: shared.id!, title: "Artifacts?", body: "How many?", kind: .question,
                                                viewer: world.outsider)
        #expect(try await world.database.boardPage(id: shared.id!, viewer: world.ada).topics.count == 1)
        await #expect(throws: BoardError.notAllowed) {
            try await world.database.addBoard(title: "Mine", cohortId: nil, viewer: world.facilitator)
        }
        await #expect(throws: CohortError.notAllowed) {
            try await world.database.addBoard(title: "Mine", cohortId: world.cohortA.id!, viewer: world.ada)
        }
    }

    @Test func anotherCohortsBoardsThreadsAndPostsAreNotFound() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        let post = try await world.reply(topic, "Try CC BY.", by: world.ben)
        let board = try await world.board("Q&A")
        await #expect(throws: BoardError.boardNotFound) { try await world.database.boardPage(id: board.id!, viewer: world.outsider) }
        await #expect(throws: BoardError.topicNotFound) { try await world.database.thread(id: topic.id!, viewer: world.outsider) }
        await #expect(throws: BoardError.topicNotFound) { try await world.reply(topic, "sneaky", by: world.outsider) }
        await #expect(throws: BoardError.postNotFound) { try await world.database.post(id: post.id!, viewer: world.outsider) }
        await #expect(throws: BoardError.postNotFound) { try await world.database.toggleHelpful(postId: post.id!, viewer: world.outsider) }
        await #expect(throws: BoardError.postNotFound) { try await world.database.flagPost(id: post.id!, reason: "x", viewer: world.outsider) }
        await #expect(throws: CohortError.cohortNotFound) { try await world.database.boards(forCohort: world.cohortA.id!, viewer: world.outsider) }
    }

    @Test func repliesAreThreadedAndDeepRepliesShownFlat() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        let first = try await world.reply(topic, "first", by: world.ben)
        let second = try await world.reply(topic, "second", by: world.cleo)
        let nested = try await world.reply(topic, "re first", by: world.ada, to: first.id)
        let deeper = try await world.reply(topic, "re re first", by: world.ben, to: nested.id)
        let deepest = try await world.reply(topic, "re re re first", by: world.cleo, to: deeper.id)
        let view = try await world.database.thread(id: topic.id!, viewer: world.ada)
        #expect(view.posts.map(\.post.source) == ["Which licence do I look for?", "first", "re first", "re re first", "re re re first", "second"])
        #expect(view.posts.map(\.displayDepth) == [0, 1, 2, 3, 3, 1])
        #expect(view.posts[4].inReplyTo == "Ben Carter")
        #expect(view.posts[3].inReplyTo == nil)
        #expect(view.topic.replyCount == 5)
        _ = (second, deepest)
    }

    @Test func theAskerOrAFacilitatorAcceptsOneAnswer() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        let answer = try await world.reply(topic, "Look for CC BY.", by: world.ben)
        let other = try await world.reply(topic, "Or public domain.", by: world.cleo)
        await #expect(throws: BoardError.notAllowed) {
            try await world.database.acceptAnswer(topicId: topic.id!, postId: answer.id!, viewer: world.cleo)
        }
        await #expect(throws: BoardError.notAnAnswer) {
            let opening = try await world.database.thread(id: topic.id!, viewer: world.ada).posts[0].post
            try await world.database.acceptAnswer(topicId: topic.id!, postId: opening.id!, viewer: world.ada)
        }
        try await world.database.acceptAnswer(topicId: topic.id!, postId: answer.id!, viewer: world.ada)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.cleo).acceptedAnswer?.post.id == answer.id)
        #expect(try await world.notices(world.ben).contains { $0.kind == .accepted })
        try await world.database.acceptAnswer(topicId: topic.id!, postId: other.id!, viewer: world.facilitator)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.cleo).acceptedAnswer?.post.id == other.id)
        let discussion = try await world.ask("Chat", kind: .discussion, board: "General")
        let chat = try await world.reply(discussion, "hi", by: world.ben)
        await #expect(throws: BoardError.notAQuestion) {
            try await world.database.acceptAnswer(topicId: discussion.id!, postId: chat.id!, viewer: world.ada)
        }
    }

    @Test func editsKeepTheirHistoryAndDeletionsKeepTheirPlace() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        let post = try await world.reply(topic, "Frist!", by: world.ben)
        await #expect(throws: BoardError.notAllowed) { try await world.database.editPost(id: post.id!, body: "x", viewer: world.cleo) }
        let edited = try await world.database.editPost(id: post.id!, body: "First, fixed.", viewer: world.ben)
        #expect(edited.editedAt != nil)
        let (_, _, revisions) = try await world.database.postHistory(id: post.id!, viewer: world.ada)
        #expect(revisions.map(\.source) == ["Frist!"])

        let child = try await world.reply(topic, "agree", by: world.cleo, to: post.id)
        try await world.database.deletePost(id: post.id!, viewer: world.ben)
        let view = try await world.database.thread(id: topic.id!, viewer: world.ada)
        #expect(view.posts.count == 3)
        #expect(view.posts[1].post.deletedAt != nil)
        #expect(view.posts[2].post.id == child.id)
        #expect(view.posts[2].displayDepth == 2)
        #expect(try await world.database.search(SearchQuery("fixed"), viewer: world.ada).isEmpty)
    }

    @Test func helpfulIsCountedOncePerPersonAndNeverForOneself() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        let post = try await world.reply(topic, "Use CC BY.", by: world.ben)
        #expect(try await world.database.toggleHelpful(postId: post.id!, viewer: world.ada))
        #expect(try await world.database.toggleHelpful(postId: post.id!, viewer: world.cleo))
        #expect(try await world.database.thread(id: topic.id!, viewer: world.ada).posts[1].post.helpfulCount == 2)
        #expect(try await world.database.toggleHelpful(postId: post.id!, viewer: world.cleo) == false)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.ada).posts[1].post.helpfulCount == 1)
        await #expect(throws: BoardError.notAllowed) { try await world.database.toggleHelpful(postId: post.id!, viewer: world.ben) }
    }
}
