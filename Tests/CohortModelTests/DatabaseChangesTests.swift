import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct DatabaseChangesTests {
    /// The `cohort` command writes through its own connection, as another process does:
    /// the server's next look sees it, and the server's own writes are not mistaken for it.
    @Test func aWriteByAnotherProcessOutdatesEveryCachedPageAtTheNextLook() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("changes-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try AppDatabase.open(path: folder.appendingPathComponent("cohort.sqlite").path)
        let command = try AppDatabase.open(path: folder.appendingPathComponent("cohort.sqlite").path)
        #expect(try await server.noticeWritesByOtherProcesses() == false)  // the first look only takes note
        _ = try await server.makeUser("own@school.org")
        #expect(try await server.noticeWritesByOtherProcesses() == false)
        let before = server.changes.generation(for: 1)
        _ = try await command.makeUser("cli@school.org")
        #expect(server.changes.generation(for: 1) == before)
        #expect(try await server.noticeWritesByOtherProcesses())
        #expect(server.changes.generation(for: 1) != before)
        #expect(try await server.noticeWritesByOtherProcesses() == false)
    }

    /// Reading a thread writes the reader's read position: that outdates the reader's
    /// pages, not everyone's. A change to a shared table in the same transaction still
    /// counts as shared.
    @Test func writesOnlyTheirAuthorSeesOutdateOnlyTheirPages() async throws {
        let database = try AppDatabase.inMemory()
        let changes = database.changes
        let (reader, other) = (Int64(7), Int64(8))
        let before = (changes.generation(for: reader), changes.generation(for: other))
        try await database.writer.write { db in
            changes.onlyChanges(seenBy: reader)
            try db.execute(sql: "UPDATE notice SET readAt = readAt WHERE userId = ?", arguments: [reader])
        }
        #expect(changes.generation(for: reader) != before.0)
        #expect(changes.generation(for: other) == before.1)
        try await database.writer.write { db in
            changes.onlyChanges(seenBy: reader)
            try db.execute(sql: "INSERT INTO auditEntry (at, action, subjectType, subjectId, detail) VALUES (0, 'x', 'user', 1, '')")
        }
        #expect(changes.generation(for: other) != before.1)
    }

    @Test func markingAThreadReadIsPersonalAndAReplyIsShared() async throws {
        let world = try await BoardWorld()
        let database = world.database
        let reader = world.ada, other = world.facilitator
        let topic = try await world.ask(by: other)
        let before = (database.changes.generation(for: reader.id), database.changes.generation(for: other.id))
        try await database.markThreadSeen(id: topic.id!, viewer: reader)
        #expect(database.changes.generation(for: reader.id) != before.0)
        #expect(database.changes.generation(for: other.id) == before.1)
        _ = try await database.reply(topicId: topic.id!, body: "Me", viewer: reader, limits: PostingLimits())
        #expect(database.changes.generation(for: other.id) != before.1)
    }
}
