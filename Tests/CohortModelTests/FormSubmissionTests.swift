import Foundation
import GRDB
import Testing
@testable import CohortModel

/// A form sent twice with its one-time key (a double click, a retried request) creates
/// once; the same key with other words, or no key, creates again.
@Suite struct FormSubmissionTests {
    func count(_ world: BoardWorld, _ table: String) async throws -> Int {
        try await world.database.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)")! }
    }

    @Test func aRepeatedReplyReturnsTheFirstAndCreatesNothing() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask(by: world.ada)
        let key = FormSubmission.newKey()
        let once = FormSubmission(key: key, form: "reply", content: ["Look for CC BY.", ""])
        let first = try await world.database.reply(topicId: topic.id!, body: "Look for CC BY.", viewer: world.ben,
                                                   limits: .unlimitedRate, submission: once)
        let before = try await count(world, "post")
        let again = try await world.database.reply(topicId: topic.id!, body: "Look for CC BY.", viewer: world.ben,
                                                   limits: .unlimitedRate, submission: once)
        #expect(again.id == first.id)
        #expect(try await count(world, "post") == before)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.ada).topic.replyCount == 1)

        // The same page open in two tabs: one key, other words, a second reply.
        let otherWords = FormSubmission(key: key, form: "reply", content: ["And CC0.", ""])
        let second = try await world.database.reply(topicId: topic.id!, body: "And CC0.", viewer: world.ben,
                                                    limits: .unlimitedRate, submission: otherWords)
        #expect(second.id != first.id)
        // Someone else's key is theirs alone.
        let cleos = try await world.database.reply(topicId: topic.id!, body: "Look for CC BY.", viewer: world.cleo,
                                                   limits: .unlimitedRate, submission: once)
        #expect(cleos.id != first.id)
        // No key: created as asked.
        _ = try await world.reply(topic, "Look for CC BY.", by: world.ben)
        #expect(try await count(world, "post") == before + 3)
    }

    @Test func aRepeatedNewThreadAndFeedbackAreCreatedOnce() async throws {
        let world = try await BoardWorld()
        let board = try await world.board("Q&A")
        let once = FormSubmission(key: FormSubmission.newKey(), form: "thread", content: ["T", "B", "question"])
        let first = try await world.database.startTopic(boardId: board.id!, title: "T", body: "B", kind: .question,
                                                        viewer: world.ada, limits: .unlimitedRate, submission: once)
        let again = try await world.database.startTopic(boardId: board.id!, title: "T", body: "B", kind: .question,
                                                        viewer: world.ada, limits: .unlimitedRate, submission: once)
        #expect(again.id == first.id)
        #expect(try await count(world, "topic") == 1)

        let indicator = try await world.database.indicatorChoices().first!.id
        let artifact = try await world.database.createArtifact(
            cohortId: world.cohortA.id!, title: "Lesson", description: "", indicatorIds: [indicator], file: nil,
            link: "https://example.org/lesson", viewer: world.ada)
        let feedbackOnce = FormSubmission(key: FormSubmission.newKey(), form: "feedback", content: ["Add learner work.", "1", "", ""])
        for _ in 0..<3 {
            _ = try await world.database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "Add learner work.",
                                                     indicatorId: nil, parentId: nil, viewer: world.ben, submission: feedbackOnce)
        }
        #expect(try await count(world, "feedback") == 1)
    }

    @Test func onlyAUsableKeyIsTakenAndOldKeysAreForgotten() async throws {
        #expect(FormSubmission(key: nil, form: "reply", content: []) == nil)
        #expect(FormSubmission(key: "", form: "reply", content: []) == nil)
        #expect(FormSubmission(key: String(repeating: "a", count: 65), form: "reply", content: []) == nil)
        #expect(FormSubmission(key: "a'b", form: "reply", content: []) == nil)
        #expect(FormSubmission(key: FormSubmission.newKey(), form: "reply", content: []) != nil)

        let world = try await BoardWorld()
        let topic = try await world.ask(by: world.ada)
        let old = FormSubmission(key: "old-key", form: "reply", content: ["Hi"])
        let then = Date().addingTimeInterval(-2 * 24 * 3600)
        _ = try await world.database.reply(topicId: topic.id!, body: "Hi", viewer: world.ben, limits: .unlimitedRate,
                                           submission: old, now: then)
        _ = try await world.database.reply(topicId: topic.id!, body: "Later", viewer: world.ben, limits: .unlimitedRate,
                                           submission: FormSubmission(key: "new-key", form: "reply", content: ["Later"]))
        let keys = try await world.database.reader.read { db in try String.fetchAll(db, sql: "SELECT key FROM formSubmission") }
        #expect(keys == ["new-key"])
    }
}
