import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct ProgressTests {
    @Test func thePortfolioPhaseOpensOnlyWithFullAttendanceAndCompletedCourseWork() async throws {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort()
        let facilitator = try await database.makeUser("f@school.org", role: .facilitator)
        try await database.enrol(userId: facilitator.id!, in: cohort.id!, as: .facilitator, by: nil)
        let pat = try await database.makeUser("pat@school.org")
        try await database.enrol(userId: pat.id!, in: cohort.id!, as: .participant, by: nil)
        let by = try await database.viewer(facilitator)

        let grid = try await database.trainingProgress(cohortId: cohort.id!, by: by)
        #expect(grid.sessions.count == 5)
        #expect(grid.rows.map(\.member.email) == ["pat@school.org"])  // facilitators are not graded
        let sessionIds = grid.sessions.map { $0.session.id! }
        func marks(_ sessions: ArraySlice<Int64>, coursework: Bool) -> ProgressMarks {
            ProgressMarks(attended: Set(sessions.map { .init(userId: pat.id!, sessionId: $0) }),
                          courseworkComplete: coursework ? [pat.id!] : [])
        }

        try await database.recordProgress(cohortId: cohort.id!, marks: marks(sessionIds[0..<4], coursework: true), by: by)
        #expect(try await database.isPortfolioPhaseOpen(userId: pat.id!, cohortId: cohort.id!) == false)
        try await database.recordProgress(cohortId: cohort.id!, marks: marks(sessionIds[0..<5], coursework: false), by: by)
        #expect(try await database.isPortfolioPhaseOpen(userId: pat.id!, cohortId: cohort.id!) == false)
        try await database.recordProgress(cohortId: cohort.id!, marks: marks(sessionIds[0..<5], coursework: true), by: by)
        #expect(try await database.isPortfolioPhaseOpen(userId: pat.id!, cohortId: cohort.id!))
        // Unmarking closes it again.
        try await database.recordProgress(cohortId: cohort.id!, marks: marks(sessionIds[1..<5], coursework: true), by: by)
        #expect(try await database.isPortfolioPhaseOpen(userId: pat.id!, cohortId: cohort.id!) == false)
    }

    @Test func participantsCannotMarkProgress() async throws {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort()
        let pat = try await database.makeUser("pat@school.org")
        try await database.enrol(userId: pat.id!, in: cohort.id!, as: .participant, by: nil)
        let viewer = try await database.viewer(pat)
        await #expect(throws: CohortError.notAllowed) {
            try await database.recordProgress(cohortId: cohort.id!, marks: ProgressMarks(attended: [], courseworkComplete: [pat.id!]), by: viewer)
        }
        await #expect(throws: CohortError.notAllowed) { _ = try await database.trainingProgress(cohortId: cohort.id!, by: viewer) }
    }

    @Test func theAttentionListNamesMissedMeetingsAndMissingCourseWork() async throws {
        let database = try makeDatabase()
        let cohort = try await database.makeCohort(startsOn: "2026-02-09")
        let facilitator = try await database.makeUser("f@school.org", role: .facilitator)
        try await database.enrol(userId: facilitator.id!, in: cohort.id!, as: .facilitator, by: nil)
        let pat = try await database.makeUser("pat@school.org", name: "Pat")
        try await database.enrol(userId: pat.id!, in: cohort.id!, as: .participant, by: nil)
        let viewer = try await database.viewer(facilitator)
        let grid = try await database.trainingProgress(cohortId: cohort.id!, by: viewer)
        try await database.recordProgress(
            cohortId: cohort.id!,
            marks: ProgressMarks(attended: [.init(userId: pat.id!, sessionId: grid.sessions[0].session.id!)], courseworkComplete: []),
            by: viewer)
        // After Session 2's meeting (16 March) and before Session 3's.
        let midTraining = CalendarDay("2026-03-20")!.at(hour: 12, minute: 0, in: .gmt)
        let items = try await database.attentionList(for: viewer, now: midTraining)
        #expect(items.map(\.reasons) == [["missed Session 2"]])
        // After the training end, everything missed and the course work.
        let after = CalendarDay("2026-06-01")!.at(hour: 12, minute: 0, in: .gmt)
        #expect(try await database.attentionList(for: viewer, now: after).first?.reasons ==
                ["missed Session 2", "missed Session 3", "missed Session 4", "missed Session 5", "course work not complete"])
    }
}
