import Foundation
import GRDB

extension AppDatabase {
    /// Moves one session's meeting. Later sessions follow by the same number of days
    /// (they are scheduled relative to it), and so do Pre-Work when Session 1 moves,
    /// the training end and the portfolio deadline.
    public func reschedule(cohortId: Int64, sessionPosition: Int, to change: MeetingChange, by viewer: Viewer,
                           now: Date = Date()) async throws -> ScheduleChange {
        try viewer.requireManage(cohortId: cohortId)
        return try await writer.write { db in
            let overview = try Self.cohortOverview(db, id: cohortId)
            guard let target = overview.sessions.first(where: { $0.session.position == sessionPosition }) else {
                throw CohortError.sessionNotFound
            }
            // Checked after the session is found, so a bad form for no session is a 404, not an error shown nowhere.
            let wanted = try change.checked()
            let oldDay = CalendarDay(target.meeting.startsAt, in: TimeZone(identifier: target.meeting.timeZone) ?? .gmt)
            let shift = oldDay.days(until: wanted.day)

            var meeting = target.meeting
            meeting.startsAt = wanted.day.at(hour: wanted.hour, minute: wanted.minute, in: wanted.zone)
            meeting.timeZone = wanted.zone.identifier
            meeting.link = wanted.link
            try meeting.update(db)

            var followers: [ScheduledSession] = []
            if shift != 0 && sessionPosition > 0 {
                followers = overview.sessions.filter {
                    $0.session.position > sessionPosition || (sessionPosition == 1 && $0.session.position == 0)
                }
                for follower in followers {
                    var moved = follower.meeting
                    moved.startsAt = Self.shifted(moved.startsAt, days: shift, in: moved.timeZone)
                    try moved.update(db)
                }
            }
            let cohort = try Self.rederiveDates(db, overview: overview)
            try db.audit("schedule.move", by: viewer.id, on: "cohort", id: cohortId,
                         detail: "\(target.session.title) to \(wanted.day) (\(shift) days)", at: now)

            var message = "\(target.session.title) is now on \(wanted.day) at \(change.time) (\(wanted.zone.identifier))."
            if !followers.isEmpty {
                let names = followers.map(\.session.title).joined(separator: ", ")
                let unit = abs(shift) == 1 ? "day" : "days"
                message += " \(names) moved \(abs(shift)) \(unit) \(shift > 0 ? "later" : "earlier") with it."
            }
            if cohort.trainingEndsOn != overview.cohort.trainingEndsOn {
                message += " Training now ends on \(cohort.trainingEndsOn) and portfolios are due by \(cohort.portfolioDeadlineOn)."
            }
            return ScheduleChange(message: message)
        }
    }

    /// Sets the day course work is due; the portfolio deadline follows it.
    public func setTrainingEnd(cohortId: Int64, to dayText: String, by viewer: Viewer,
                               now: Date = Date()) async throws -> ScheduleChange {
        try viewer.requireManage(cohortId: cohortId)
        guard let day = CalendarDay(dayText.trimmingCharacters(in: .whitespaces)) else { throw CohortError.invalidDate }
        return try await writer.write { db in
            let overview = try Self.cohortOverview(db, id: cohortId)
            if let last = overview.sessions.last,
                day < CalendarDay(last.meeting.startsAt, in: TimeZone(identifier: last.meeting.timeZone) ?? .gmt)
            {
                throw CohortError.trainingEndsBeforeLastSession
            }
            var cohort = overview.cohort
            cohort.trainingEndsOn = day.description
            cohort.portfolioDeadlineOn = day.adding(months: overview.program.portfolioWindowMonths).description
            try cohort.update(db)
            try db.audit("schedule.training-end", by: viewer.id, on: "cohort", id: cohortId, detail: "\(day)", at: now)
            return ScheduleChange(
                message: "Training now ends on \(cohort.trainingEndsOn); portfolios are due by \(cohort.portfolioDeadlineOn).")
        }
    }

    /// Pre-Work opens with its meeting; course work is due three weeks after the last
    /// session; the portfolio window follows.
    private static func rederiveDates(_ db: Database, overview: CohortOverview) throws -> Cohort {
        let meetings = try CohortMeeting.filter(CohortMeeting.Columns.cohortId == overview.cohort.id!).fetchAll(db)
        let positions = Dictionary(overview.sessions.map { ($0.session.id!, $0.session.position) },
                                   uniquingKeysWith: { a, _ in a })
        let ordered = meetings.sorted { (positions[$0.courseSessionId] ?? 0) < (positions[$1.courseSessionId] ?? 0) }
        guard let first = ordered.first, let last = ordered.last else { return overview.cohort }
        func day(_ meeting: CohortMeeting) -> CalendarDay {
            CalendarDay(meeting.startsAt, in: TimeZone(identifier: meeting.timeZone) ?? .gmt)
        }
        var cohort = overview.cohort
        cohort.startsOn = day(first).description
        let end = day(last).adding(days: CohortSchedule.courseWorkDueDays)
        cohort.trainingEndsOn = end.description
        cohort.portfolioDeadlineOn = end.adding(months: overview.program.portfolioWindowMonths).description
        try cohort.update(db)
        return cohort
    }

    /// The same local time `days` later in the meeting's own zone (so a move across a
    /// daylight-saving change keeps 17:00 at 17:00).
    private static func shifted(_ date: Date, days: Int, in zoneIdentifier: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zoneIdentifier) ?? .gmt
        return calendar.date(byAdding: .day, value: days, to: date) ?? date
    }
}
