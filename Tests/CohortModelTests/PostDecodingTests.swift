import Foundation
import GRDB
import Testing
@testable import CohortModel

/// The thread page reads posts by column position; every column must land in its field.
@Suite struct PostDecodingTests {
    @Test func aPostReadByPositionEqualsThePostReadByName() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask()
        let reply = try await world.reply(topic, "First *draft*", by: world.ben)
        try await world.database.editPost(id: reply.id!, body: "Second draft", viewer: world.ben)
        try await world.database.hidePost(id: reply.id!, reason: "Off topic", viewer: world.facilitator)
        let (byName, byPosition) = try await world.database.reader.read { db in
            (try Post.fetchOne(db, id: reply.id!)!,
             Post(selectedRow: try Row.fetchOne(db, sql: "SELECT \(Post.selection) FROM post WHERE id = ?", arguments: [reply.id!])!))
        }
        #expect(byPosition.id == byName.id && byPosition.topicId == byName.topicId && byPosition.authorId == byName.authorId)
        #expect(byPosition.parentId == byName.parentId && byPosition.depth == byName.depth && byPosition.helpfulCount == byName.helpfulCount)
        #expect(byPosition.source == "Second draft" && byPosition.html == byName.html && byPosition.createdAt == byName.createdAt)
        #expect(byPosition.editedAt != nil && byPosition.editedAt == byName.editedAt && byPosition.deletedAt == byName.deletedAt)
        #expect(byPosition.hiddenAt != nil && byPosition.hiddenAt == byName.hiddenAt)
        #expect(byPosition.hiddenReason == "Off topic" && byPosition.hiddenById == world.facilitator.id)
    }
}
