import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct NoticeMailTests {
    let schedule = MailSchedule(noticeDelay: 600, summaryHour: 7)

    func replyMails(_ database: AppDatabase, to email: String) throws -> [OutboxMessage] {
        try database.outbox().filter { $0.toAddress == email && $0.kind == .notification }
    }

    @Test func aReplyIsMailedOnceAfterTheDelayUnlessSeenFirst() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask(by: world.ada, at: referenceNow)
        _ = try await world.reply(topic, "Look at the licence page.", by: world.ben, at: referenceNow)

        #expect(try await world.database.queueNoticeMail(schedule: schedule, now: referenceNow.addingTimeInterval(599)) == 0)
        #expect(try await world.database.queueNoticeMail(schedule: schedule, now: referenceNow.addingTimeInterval(600)) == 1)
        #expect(try await world.database.queueNoticeMail(schedule: schedule, now: referenceNow.addingTimeInterval(3_600)) == 0)
        let mail = try #require(try replyMails(world.database, to: "ada@school.org").first)
        #expect(mail.content.subject == "Ben Carter replied to you in “How do I cite images?”")
        #expect(mail.content.paragraphs.contains("Look at the licence page."))
        #expect(mail.content.unsubscribe?.topics == [.reply])
        #expect(mail.content.unsubscribe?.path.hasPrefix("/mail/unsubscribe/") == true)

        // Seen in the browser before the delay is up: no mail.
        _ = try await world.reply(topic, "And the image's source.", by: world.ben, at: referenceNow.addingTimeInterval(4_000))
        try await world.database.markAllNoticesRead(viewer: world.ada, now: referenceNow.addingTimeInterval(4_100))
        #expect(try await world.database.queueNoticeMail(schedule: schedule, now: referenceNow.addingTimeInterval(5_000)) == 0)
        #expect(try replyMails(world.database, to: "ada@school.org").count == 1)
    }

    @Test func eachPersonsChoiceDecides() async throws {
        let world = try await BoardWorld()
        try await world.database.setMailPreferences([.reply: .off], viewer: world.ada)
        let topic = try await world.ask(by: world.ada, at: referenceNow)
        _ = try await world.reply(topic, "Hello", by: world.ben, at: referenceNow)
        #expect(try await world.database.queueNoticeMail(schedule: schedule, now: referenceNow.addingTimeInterval(700)) == 0)
        #expect(try replyMails(world.database, to: "ada@school.org").isEmpty)
        await #expect(throws: MailError.unknownDelivery) {
            try await world.database.setMailPreferences([.meetings: .daily], viewer: world.ada)
        }
    }

    @Test func aDailySummaryHoldsOnlyWhatWasNotSeenAndGoesOutAtSevenInTheReadersZone() async throws {
        let world = try await BoardWorld()
        try await world.database.setTimeZone(userId: world.ada.id, to: "Europe/Berlin")
        try await world.database.setMailPreferences([.reply: .daily], viewer: world.ada)
        // 2026-09-21 14:13 UTC is 16:13 in Berlin; the next 07:00 there is 05:00 UTC on the 22nd.
        let topic = try await world.ask(by: world.ada, at: referenceNow)
        _ = try await world.reply(topic, "First", by: world.ben, at: referenceNow)
        _ = try await world.reply(topic, "Second", by: world.cleo, at: referenceNow)
        let seen = try await world.database.notices(for: world.ada).first { $0.text.hasPrefix("Cleo") }!
        _ = try await world.database.openNotice(id: seen.id!, viewer: world.ada, now: referenceNow.addingTimeInterval(60))

        let sevenInBerlin = CalendarDay("2026-09-22")!.at(hour: 7, minute: 0, in: TimeZone(identifier: "Europe/Berlin")!)
        #expect(try await world.database.queueNoticeMail(schedule: schedule, now: sevenInBerlin.addingTimeInterval(-1)) == 0)
        #expect(try await world.database.queueNoticeMail(schedule: schedule, now: sevenInBerlin) == 1)
        #expect(try await world.database.queueNoticeMail(schedule: schedule, now: sevenInBerlin.addingTimeInterval(86_400)) == 0)
        let summary = try #require(try world.database.outbox().first { $0.kind == .summary })
        #expect(summary.toAddress == "ada@school.org")
        #expect(summary.content.items.map(\.text) == ["Ben Carter replied to you in “How do I cite images?”"])
        #expect(summary.content.items[0].when.hasSuffix("(Europe/Berlin)"))
        #expect(summary.content.subject.contains("1 thing you have not seen"))
    }

    @Test func unsubscribingByLinkTurnsTheTopicOffWithoutSigningIn() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask(by: world.ada, at: referenceNow)
        _ = try await world.reply(topic, "Hi", by: world.ben, at: referenceNow)
        try await world.database.queueNoticeMail(schedule: schedule, now: referenceNow.addingTimeInterval(600))
        let path = try #require(try replyMails(world.database, to: "ada@school.org").first?.content.unsubscribe?.path)
        let parts = path.split(separator: "/")
        let token = String(parts[2])
        let topics = try AppDatabase.mailTopics(inLink: String(parts[3]))
        #expect(try await world.database.unsubscribe(token: token, topics: topics).email == "ada@school.org")
        #expect(try await world.database.mailPreferences(userId: world.ada.id)[.reply] == .off)
        await #expect(throws: MailError.linkNotFound) { try await world.database.unsubscribeTarget(token: "guess") }
        #expect(throws: MailError.unknownTopic) { try AppDatabase.mailTopics(inLink: "reply,bogus") }
    }
}
