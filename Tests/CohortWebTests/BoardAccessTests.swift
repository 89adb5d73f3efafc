import CohortModel
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// A member of another cohort tries every board, thread, post, search and feed
/// address of cohort A: each is "not found", and nothing of A shows.
@Suite struct BoardAccessTests {
    struct Fixture {
        let world: CohortWorld
        let boardId: Int64
        let topicId: Int64
        let postId: Int64
        let feedToken: String
    }

    static func fixture() async throws -> Fixture {
        let world = try await CohortWorld()
        let database = world.world.database
        let pat = try await database.viewer(userId: try await database.user(email: "pa@school.org")!.id!)
        let board = try await database.boards(forCohort: world.cohortA.id!, viewer: pat).first { $0.board.title == "Q&A" }!.board
        let topic = try await database.startTopic(boardId: board.id!, title: "Secret Alpha question", body: "Alpha secret words",
                                                  kind: .question, viewer: pat)
        let facilitator = try await database.viewer(userId: try await database.user(email: "fa@school.org")!.id!)
        let post = try await database.reply(topicId: topic.id!, body: "Alpha secret answer", viewer: facilitator)
        let outsider = try await database.viewer(userId: try await database.user(email: "pb@school.org")!.id!)
        let token = try await database.feedToken(for: outsider)
        return Fixture(world: world, boardId: board.id!, topicId: topic.id!, postId: post.id!, feedToken: token)
    }

    @Test func anotherCohortsMemberFindsNothing() async throws {
        let f = try await Self.fixture()
        let a = f.world.cohortA.id!
        try await f.world.test { (client) async throws in
            var outsider = try await CohortWorld.session(client, as: "participantB")
            let reads = [
                "/cohorts/\(a)/boards", "/boards/\(f.boardId)", "/boards/\(f.boardId)/threads/new", "/threads/\(f.topicId)",
                "/threads/\(f.topicId)?quote=\(f.postId)", "/posts/\(f.postId)", "/posts/\(f.postId)/edit",
                "/posts/\(f.postId)/history", "/boards/\(f.boardId)/feed.atom?token=\(f.feedToken)",
            ]
            for path in reads {
                let response = try await outsider.get(path)
                #expect(response.status == .notFound, "GET \(path)")
                #expect(!response.text.contains("Alpha"), "GET \(path) leaks")
            }
            let writes: [(String, [String: String])] = [
                ("/cohorts/\(a)/boards", ["title": "Mine now"]),
                ("/boards/\(f.boardId)/threads", ["title": "x", "body": "y", "kind": "discussion"]),
                ("/boards/\(f.boardId)/rename", ["title": "x"]), ("/boards/\(f.boardId)/archive", ["archived": "true"]),
                ("/boards/\(f.boardId)/watch", ["watching": "true"]),
                ("/threads/\(f.topicId)/posts", ["body": "sneaky"]), ("/threads/\(f.topicId)/accept", ["postId": "\(f.postId)"]),
                ("/threads/\(f.topicId)/pin", ["on": "true"]), ("/threads/\(f.topicId)/lock", ["on": "true"]),
                ("/threads/\(f.topicId)/watch", ["watching": "true"]), ("/threads/\(f.topicId)/move", ["boardId": "\(f.boardId)"]),
                ("/posts/\(f.postId)/edit", ["body": "x"]), ("/posts/\(f.postId)/delete", [:]),
                ("/posts/\(f.postId)/helpful", [:]), ("/posts/\(f.postId)/flag", ["reason": "x"]),
                ("/posts/\(f.postId)/hide", ["reason": "x"]),
            ]
            for (path, form) in writes {
                let response = try await outsider.post(path, form)
                #expect(response.status == .notFound, "POST \(path)")
            }
            let search = try await outsider.get("/search?q=secret")
            #expect(search.status == .ok)
            #expect(!search.text.contains("Alpha"))
            #expect(search.text.contains("0 results"))
        }
        // Nothing changed.
        let thread = try await f.world.world.database.thread(
            id: f.topicId, viewer: try await f.world.world.database.viewer(userId: try await f.world.world.database.user(email: "admin@school.org")!.id!))
        #expect(thread.posts.count == 2 && !thread.topic.pinned && !thread.topic.locked)
    }

    @Test func aFeedNeedsItsOwnersToken() async throws {
        let f = try await Self.fixture()
        let database = f.world.world.database
        let pat = try await database.viewer(userId: try await database.user(email: "pa@school.org")!.id!)
        let token = try await database.feedToken(for: pat)
        try await f.world.test { (client) async throws in
            let feed = try await client.executeRequest(uri: "/boards/\(f.boardId)/feed.atom?token=\(token)", method: .get,
                                                       headers: [:], body: nil)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "application/atom+xml; charset=utf-8")
            #expect(String(buffer: feed.body).contains("<title>Secret Alpha question</title>"))
            let forged = try await client.executeRequest(uri: "/boards/\(f.boardId)/feed.atom?token=guess", method: .get,
                                                         headers: [:], body: nil)
            #expect(forged.status == .notFound)
        }
    }
}
