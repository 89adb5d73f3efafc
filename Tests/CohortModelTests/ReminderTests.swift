import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct ReminderTests {
    func reminders(_ database: AppDatabase, to email: String) throws -> [OutboxMessage] {
        try database.outbox().filter { $0.toAddress == email && $0.kind == .reminder }
    }

    @Test func aMeetingIsRemindedOnceADayBeforeWithItsCalendarFile() async throws {
        let world = try await BoardWorld()
        // Session 2 of Alpha meets 2026-09-21 at 17:00 in Chicago, eight hours after referenceNow.
        let earlier = referenceNow.addingTimeInterval(-17 * 3_600)
        #expect(try await world.database.queueReminders(now: earlier) == 0)
        #expect(try await world.database.queueReminders(now: referenceNow) > 0)
        #expect(try await world.database.queueReminders(now: referenceNow.addingTimeInterval(3_600)) == 0)
        let mails = try reminders(world.database, to: "ada@school.org")
        #expect(mails.count == 1)
        let meeting = try #require(mails.first?.content.meeting)
        #expect(meeting.uid == "cohort-\(world.cohortA.id!)-session-2@cohort")
        #expect(mails[0].content.paragraphs[0].contains("(America/Chicago)"))
        #expect(mails[0].content.unsubscribe?.topics == [.meetings])
    }

    @Test func whatFellDueWhileTheServerWasDownGoesOutOnceAfterARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reminders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("cohort.sqlite").path
        var database = try AppDatabase.open(path: path)
        let cohort = try await database.makeCohort("Alpha")
        let ada = try await database.makeUser("ada@school.org")
        try await database.enrol(userId: ada.id!, in: cohort.id!, as: .participant, by: nil)
        #expect(try await database.queueReminders(now: referenceNow) == 1)
        try database.close()

        database = try AppDatabase.open(path: path)
        #expect(try await database.queueReminders(now: referenceNow.addingTimeInterval(60)) == 0)
        #expect(try reminders(database, to: "ada@school.org").count == 1)
        try database.close()
    }

    @Test func thePortfolioDeadlineIsRemindedAtTheLatestMilestonePassedOnly() async throws {
        let world = try await BoardWorld()
        try await world.database.setMailPreferences([.meetings: .off, .courseworkDue: .off], viewer: world.ada)
        let deadline = CalendarDay(world.cohortA.portfolioDeadlineOn)!
        let end = deadline.adding(days: 1).at(hour: 0, minute: 0, in: .gmt)
        // The server was off until 25 days before: the 30-day reminder goes, the 60-day one never.
        #expect(try await world.database.queueReminders(now: end.addingTimeInterval(-25 * 86_400)) > 0)
        var mails = try reminders(world.database, to: "ada@school.org")
        #expect(mails.map(\.content.subject) == ["Your portfolio is due in 30 days"])
        _ = try await world.database.queueReminders(now: end.addingTimeInterval(-24 * 86_400))
        _ = try await world.database.queueReminders(now: end.addingTimeInterval(-6 * 86_400))
        mails = try reminders(world.database, to: "ada@school.org")
        #expect(mails.map(\.content.subject) == ["Your portfolio is due in 30 days", "Your portfolio is due in 7 days"])
        #expect(AppDatabase.milestone([60, 30, 7], before: end, now: end) == nil)
    }

    @Test func closedAccountsAndTopicsTurnedOffGetNoReminder() async throws {
        let world = try await BoardWorld()
        try await world.database.setMailPreferences([.meetings: .off], viewer: world.ada)
        try await world.database.deactivate(userId: world.ben.id, viewer: world.admin)
        _ = try await world.database.queueReminders(now: referenceNow)
        #expect(try reminders(world.database, to: "ada@school.org").isEmpty)
        #expect(try reminders(world.database, to: "ben@school.org").isEmpty)
        #expect(try reminders(world.database, to: "cleo@school.org").count == 1)
    }
}
