import Foundation
import GRDB

extension AppDatabase {
    /// The built-in programme (every database has it).
    public func builtInProgram() async throws -> Program {
        try await reader.read { db in
            try Program.filter(Program.Columns.slug == BuiltInProgram.slug).fetchOne(db)!
        }
    }

    /// Creates a cohort with its whole schedule derived from its start (the day Pre-Work
    /// opens): one meeting per session (Pre-Work's is its opening call) at the given
    /// local time.
    @discardableResult
    public func createCohort(name: String, programId: Int64, startsOn: CalendarDay,
                             meetingHour: Int, meetingMinute: Int = 0, timeZone: TimeZone,
                             by actorId: Int64?, now: Date = Date()) async throws -> Cohort {
        try await writer.write { db in
            try Self.insertCohort(db, name: name, programId: programId,
                                  sessionOneOn: startsOn.adding(days: CohortSchedule.preWorkLeadDays),
                                  meetingHour: meetingHour, meetingMinute: meetingMinute,
                                  timeZone: timeZone, by: actorId, now: now)
        }
    }

    static func insertCohort(_ db: Database, name: String, programId: Int64, sessionOneOn: CalendarDay,
                             meetingHour: Int, meetingMinute: Int, timeZone: TimeZone,
                             by actorId: Int64?, now: Date) throws -> Cohort {
        guard let program = try Program.fetchOne(db, id: programId) else { throw CohortError.programNotFound }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.unicodeScalars.count <= 120 else { throw CohortError.invalidName }
        let sessions = try CourseSession
            .filter(CourseSession.Columns.programId == programId)
            .order(CourseSession.Columns.position)
            .fetchAll(db)
        let numbered = sessions.filter { $0.position > 0 }
        let schedule = CohortSchedule(sessionOneOn: sessionOneOn, sessionCount: numbered.count,
                                      portfolioWindowMonths: program.portfolioWindowMonths)
        var cohort = Cohort(
            programId: programId, name: name, startsOn: schedule.preWorkOpensOn.description,
            trainingEndsOn: schedule.trainingEndsOn.description,
            portfolioDeadlineOn: schedule.portfolioDeadlineOn.description, createdAt: now)
        try cohort.insert(db)
        for session in sessions {
            let day = session.position == 0 ? schedule.preWorkOpensOn : schedule.sessionDays[session.position - 1]
            var meeting = CohortMeeting(
                cohortId: cohort.id!, courseSessionId: session.id!,
                startsAt: day.at(hour: meetingHour, minute: meetingMinute, in: timeZone),
                durationMinutes: session.position == 0 ? 60 : 120, timeZone: timeZone.identifier, link: nil)
            try meeting.insert(db)
        }
        try insertStandardBoards(db, cohortId: cohort.id!, now: now)
        try db.audit("cohort.create", by: actorId, on: "cohort", id: cohort.id, detail: name, at: now)
        return cohort
    }

    /// Puts a person in a cohort with a role (or changes their role there).
    public func enrol(userId: Int64, in cohortId: Int64, as role: CohortRole, by actorId: Int64?,
                      now: Date = Date()) async throws {
        try await writer.write { db in
            try Membership(cohortId: cohortId, userId: userId, role: role, createdAt: now)
                .upsert(db)
            try db.audit("membership.set", by: actorId, on: "cohort", id: cohortId,
                         detail: "user \(userId) as \(role.rawValue)", at: now)
        }
    }
}

extension AppDatabase {
    /// An admin creates a cohort of the built-in programme from what they typed.
    public func createCohort(name: String, startsOn: String, meetingTime: String, timeZone: String,
                             by viewer: Viewer, now: Date = Date()) async throws -> Cohort {
        guard viewer.mayAdminister else { throw CohortError.notAllowed }
        let checked = try MeetingChange(day: startsOn, time: meetingTime, timeZone: timeZone, link: "").checked()
        let program = try await builtInProgram()
        return try await createCohort(name: name, programId: program.id!, startsOn: checked.day,
                                      meetingHour: checked.hour, meetingMinute: checked.minute, timeZone: checked.zone,
                                      by: viewer.id, now: now)
    }
}
