import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct ScheduleTests {
    @Test(arguments: [
        // session 1, training end, deadline: month ends clamp, leap days exist only in leap years
        ("2026-03-02", "2026-05-18", "2026-11-18"),
        ("2025-07-14", "2025-09-29", "2026-03-29"),
        ("2026-06-15", "2026-08-31", "2027-02-28"),
        ("2027-06-14", "2027-08-30", "2028-02-29"),
        ("2027-06-15", "2027-08-31", "2028-02-29"),
        ("2026-12-21", "2027-03-08", "2027-09-08"),
    ])
    func deadlinesFollowTheTrainingEndAcrossMonthEndsAndLeapYears(sessionOne: String, end: String, deadline: String) {
        let schedule = CohortSchedule(sessionOneOn: CalendarDay(sessionOne)!, sessionCount: 5, portfolioWindowMonths: 6)
        #expect(schedule.trainingEndsOn.description == end)
        #expect(schedule.portfolioDeadlineOn.description == deadline)
        #expect(schedule.preWorkOpensOn.days(until: CalendarDay(sessionOne)!) == 21)
    }

    @Test func aNewCohortHasOneMeetingPerSessionAtTheLocalTime() async throws {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort(startsOn: "2026-02-09")
        #expect(cohort.startsOn == "2026-02-09")
        #expect(cohort.trainingEndsOn == "2026-05-18")
        #expect(cohort.portfolioDeadlineOn == "2026-11-18")
        let admin = try await database.makeUser("root@school.org", role: .admin)
        let overview = try await database.cohortOverview(id: cohort.id!, visibleTo: try await database.viewer(admin))
        let chicago = TimeZone(identifier: "America/Chicago")!
        #expect(overview.sessions.map { CalendarDay($0.meeting.startsAt, in: chicago).description } ==
                ["2026-02-09", "2026-03-02", "2026-03-16", "2026-03-30", "2026-04-13", "2026-04-27"])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = chicago
        // 17:00 local on both sides of the daylight-saving change of 8 March.
        #expect(overview.sessions.allSatisfy { calendar.component(.hour, from: $0.meeting.startsAt) == 17 })
    }

    @Test func movingASessionMovesTheLaterOnesAndTheDeadlines() async throws {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort(startsOn: "2026-02-09")
        let admin = try await database.viewer(try await database.makeUser("root@school.org", role: .admin))
        let change = try await database.reschedule(
            cohortId: cohort.id!, sessionPosition: 3,
            to: MeetingChange(day: "2026-04-06", time: "18:30", timeZone: "America/Chicago", link: "https://meet.example.org/x"),
            by: admin)
        #expect(change.message.contains("Session 4, Session 5 moved 7 days later"))
        #expect(change.message.contains("Training now ends on 2026-05-25"))
        let overview = try await database.cohortOverview(id: cohort.id!, visibleTo: admin)
        let chicago = TimeZone(identifier: "America/Chicago")!
        #expect(overview.sessions.map { CalendarDay($0.meeting.startsAt, in: chicago).description } ==
                ["2026-02-09", "2026-03-02", "2026-03-16", "2026-04-06", "2026-04-20", "2026-05-04"])
        #expect(overview.sessions[3].meeting.link == "https://meet.example.org/x")
        #expect(overview.cohort.trainingEndsOn == "2026-05-25")
        #expect(overview.cohort.portfolioDeadlineOn == "2026-11-25")
    }

    @Test func movingSessionOneMovesPreWorkToo() async throws {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort(startsOn: "2026-02-09")
        let admin = try await database.viewer(try await database.makeUser("root@school.org", role: .admin))
        _ = try await database.reschedule(
            cohortId: cohort.id!, sessionPosition: 1,
            to: MeetingChange(day: "2026-02-23", time: "17:00", timeZone: "America/Chicago", link: ""), by: admin)
        let overview = try await database.cohortOverview(id: cohort.id!, visibleTo: admin)
        #expect(overview.cohort.startsOn == "2026-02-02")
        #expect(overview.cohort.trainingEndsOn == "2026-05-11")
    }

    @Test func badScheduleInputIsRefusedWithAReason() async throws {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort()
        let admin = try await database.viewer(try await database.makeUser("root@school.org", role: .admin))
        func move(_ change: MeetingChange) async throws { _ = try await database.reschedule(cohortId: cohort.id!, sessionPosition: 2, to: change, by: admin) }
        await #expect(throws: CohortError.invalidDate) { try await move(MeetingChange(day: "2026-02-31", time: "17:00", timeZone: "UTC", link: "")) }
        await #expect(throws: CohortError.invalidTime) { try await move(MeetingChange(day: "2026-09-01", time: "25:00", timeZone: "UTC", link: "")) }
        await #expect(throws: CohortError.unknownTimeZone) { try await move(MeetingChange(day: "2026-09-01", time: "17:00", timeZone: "Mars/Olympus", link: "")) }
        await #expect(throws: CohortError.invalidLink) { try await move(MeetingChange(day: "2026-09-01", time: "17:00", timeZone: "UTC", link: "javascript:alert(1)")) }
        await #expect(throws: CohortError.trainingEndsBeforeLastSession) {
            _ = try await database.setTrainingEnd(cohortId: cohort.id!, to: "2026-08-20", by: admin)
        }
    }

    @Test func onlyTheCohortsFacilitatorsAndAdminsReschedule() async throws {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort()
        let other = try await database.makeCohort("Other")
        let participant = try await database.makeUser("p@school.org")
        try await database.enrol(userId: participant.id!, in: cohort.id!, as: .participant, by: nil)
        let facilitator = try await database.makeUser("f@school.org", role: .facilitator)
        try await database.enrol(userId: facilitator.id!, in: other.id!, as: .facilitator, by: nil)
        let change = MeetingChange(day: "2026-09-28", time: "17:00", timeZone: "UTC", link: "")
        await #expect(throws: CohortError.notAllowed) {
            _ = try await database.reschedule(cohortId: cohort.id!, sessionPosition: 2, to: change, by: try await database.viewer(participant))
        }
        await #expect(throws: CohortError.cohortNotFound) {
            _ = try await database.reschedule(cohortId: cohort.id!, sessionPosition: 2, to: change, by: try await database.viewer(facilitator))
        }
    }
}
