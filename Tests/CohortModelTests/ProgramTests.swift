import GRDB
import Testing
@testable import CohortModel

@Suite struct ProgramTests {
    @Test func builtInProgramHasItsStandardsIndicatorsAndSessions() async throws {
        let database = try makeDatabase()
        let program = try await database.builtInProgram()
        #expect(program.name == "ISTE Certification for Educators")
        #expect(program.portfolioWindowMonths == 6)
        #expect(program.passMarkPercent == 80)
        try await database.reader.read { db in
            let standards = try Standard.filter(Standard.Columns.programId == program.id!).fetchAll(db)
            #expect(standards.map(\.name) == ["Learner", "Leader", "Citizen", "Collaborator", "Designer", "Facilitator", "Analyst"])
            let codes = try String.fetchAll(db, sql: "SELECT code FROM indicator ORDER BY code")
            #expect(codes.count == 24)
            #expect(codes.first == "2.1.a")
            #expect(codes.last == "2.7.c")
            let sessions = try CourseSession.order(CourseSession.Columns.position).fetchAll(db)
            #expect(sessions.map(\.title) == ["Pre-Work", "Session 1", "Session 2", "Session 3", "Session 4", "Session 5"])
            #expect(sessions.allSatisfy { !$0.summary.isEmpty && $0.asyncHoursMin == 8 && $0.asyncHoursMax == 10 })
        }
    }

    @Test func scheduleIsDerivedFromTheFirstSession() throws {
        let schedule = CohortSchedule(sessionOneOn: CalendarDay("2026-03-02")!, sessionCount: 5, portfolioWindowMonths: 6)
        #expect(schedule.preWorkOpensOn.description == "2026-02-09")
        #expect(schedule.sessionDays.map(\.description) == ["2026-03-02", "2026-03-16", "2026-03-30", "2026-04-13", "2026-04-27"])
        #expect(schedule.trainingEndsOn.description == "2026-05-18")
        #expect(schedule.portfolioDeadlineOn.description == "2026-11-18")
    }

    @Test func calendarDayRejectsImpossibleDates() {
        #expect(CalendarDay("2026-02-30") == nil)
        #expect(CalendarDay("2026-2-3") == nil)
        #expect(CalendarDay("yesterday") == nil)
        #expect(CalendarDay("2028-02-29")?.description == "2028-02-29")
    }

    @Test func demoLoadsOnceIntoAnEmptyDatabaseWithACohortInItsThirdSession() async throws {
        let database = try makeDatabase()
        #expect(try await database.loadDemo(passwordHash: testPasswordHash, now: referenceNow))
        #expect(try await database.loadDemo(passwordHash: testPasswordHash, now: referenceNow) == false)
        let admin = try #require(try await database.user(email: "admin@example.org"))
        let cohorts = try await database.cohorts(visibleTo: Viewer(user: admin, cohortRoles: [:]))
        let spring = try #require(cohorts.first { $0.cohort.name.hasPrefix("Spring") })
        #expect(spring.memberCount == 13)
        // The third session's meeting is the latest one already past.
        let meetings = try await database.reader.read { db in
            try CohortMeeting.filter(CohortMeeting.Columns.cohortId == spring.cohort.id!)
                .order(CohortMeeting.Columns.startsAt).fetchAll(db)
        }
        #expect(meetings.count == 6)
        #expect(meetings.filter { $0.startsAt < referenceNow }.count == 4)  // Pre-Work, Sessions 1, 2 and 3
        let users = try await database.allUsers()
        #expect(Set(users.map(\.role)) == Set(Role.allCases))
        // Every page has something real: threads, artifacts, a review queue and a certificate.
        let counts = try await database.reader.read { db in
            try ["topic", "artifact", "certificate"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)")! }
        }
        #expect(counts.allSatisfy { $0 > 0 })
        let evaluator = try await database.viewer(userId: try #require(try await database.user(email: "evaluator@example.org")).id!)
        #expect(try await database.queueStatus(viewer: evaluator, now: referenceNow).waiting == 2)
    }
}

@Suite struct WordingTests {
    @Test func aCountTakesTheNounThatGoesWithIt() {
        #expect(Wording.count(0, "thread") == "0 threads")
        #expect(Wording.count(1, "thread") == "1 thread")
        #expect(Wording.count(2, "reply", "replies") == "2 replies")
        #expect(Wording.count(1, "reply", "replies") == "1 reply")
    }
}

@Suite struct CalendarDayWordsTests {
    @Test func aDayIsSpelledOutAsPagesShowIt() {
        #expect(CalendarDay("2026-12-01")!.spelledOut == "Tue 1 Dec 2026")
        #expect(CalendarDay("2027-01-15")!.spelledOut == "Fri 15 Jan 2027")
    }
}
