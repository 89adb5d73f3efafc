import CohortURLs
import Foundation
import GRDB

/// Reminders are worked out from the calendar and the queue each time the delivery
/// service looks, and each one sent is recorded (`sentReminder`) with its mail in one
/// transaction: what fell due while the server was down goes out once when it is back.
extension AppDatabase {
    struct DueReminder {
        let user: User
        let occasion: String
        let topic: MailTopic
        let content: (Database) throws -> MailContent
    }

    static let deadlineReminderDays = [60, 30, 7]
    static let courseworkReminderDays = [7, 1]
    static let meetingReminderLead: TimeInterval = 24 * 3_600
    static let holdReminderLead: TimeInterval = 12 * 3_600

    @discardableResult
    public func queueReminders(now: Date = Date()) async throws -> Int {
        let due = try await reader.read { db in try Self.dueReminders(db, now: now).count }
        guard due > 0 else { return 0 }
        return try await writer.write { db in
            let reminders = try Self.dueReminders(db, now: now)
            for reminder in reminders {
                try db.execute(sql: "INSERT INTO sentReminder (userId, occasion, sentAt) VALUES (?, ?, ?)",
                               arguments: [reminder.user.id!, reminder.occasion, now])
                var content = try reminder.content(db)
                content.unsubscribe = try Self.unsubscribe(db, userId: reminder.user.id!, topics: [reminder.topic])
                try db.queueMail(.reminder, to: MailRecipient(reminder.user), content, now: now)
            }
            return reminders.count
        }
    }

    static func dueReminders(_ db: Database, now: Date) throws -> [DueReminder] {
        let candidates = try meetingReminders(db, now: now) + deadlineReminders(db, now: now)
            + courseworkReminders(db, now: now) + holdReminders(db, now: now)
        var preferences: [Int64: MailPreferences] = [:]
        return try candidates.filter { reminder in
            let userId = reminder.user.id!
            let choices = try preferences[userId] ?? mailPreferences(db, userId: userId)
            preferences[userId] = choices
            guard reminder.user.isActive, choices[reminder.topic] != .off else { return false }
            return try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sentReminder WHERE userId = ? AND occasion = ?)",
                                      arguments: [userId, reminder.occasion])!
        }
    }

    /// The latest milestone passed before `end` (of `milestones` days before it), if any.
    static func milestone(_ milestones: [Int], before end: Date, now: Date) -> Int? {
        guard now < end else { return nil }
        return milestones.sorted().first { now >= end.addingTimeInterval(-Double($0) * 86_400) }
    }

    private static func meetingReminders(_ db: Database, now: Date) throws -> [DueReminder] {
        let meetings = try Row.fetchAll(db, sql: """
            SELECT cohortMeeting.*, courseSession.title AS sessionTitle, courseSession.position, cohort.name AS cohortName
            FROM cohortMeeting JOIN courseSession ON courseSession.id = cohortMeeting.courseSessionId
            JOIN cohort ON cohort.id = cohortMeeting.cohortId
            WHERE cohortMeeting.startsAt > ? AND cohortMeeting.startsAt <= ?
            """, arguments: [now, now.addingTimeInterval(meetingReminderLead)])
        return try meetings.flatMap { row -> [DueReminder] in
            let meeting = try CohortMeeting(row: row)
            let title = "\(row["sessionTitle"] as String), \(row["cohortName"] as String)"
            let position: Int = row["position"]
            return try members(db, cohortId: meeting.cohortId, role: nil).map { user in
                DueReminder(user: user, occasion: "meeting \(meeting.id!) \(Int(meeting.startsAt.timeIntervalSince1970))",
                            topic: .meetings) { _ in
                    let when = MailTime.describe(meeting.startsAt, zone: user.timeZone ?? meeting.timeZone)
                    var paragraphs = ["\(title) meets \(when), for \(meeting.durationMinutes) minutes."]
                    if let link = meeting.link, !link.isEmpty { paragraphs.append("Join the meeting at \(link)") }
                    paragraphs.append("The attached calendar file adds it to your calendar.")
                    return MailContent(
                        subject: "Tomorrow: \(title)", greeting: MailContent.hello(user.name), paragraphs: paragraphs,
                        action: .init(label: "Open your cohort", path: SiteURL.cohort.path(meeting.cohortId)),
                        meeting: .init(uid: "cohort-\(meeting.cohortId)-session-\(position)@cohort", title: title, startsAt: meeting.startsAt,
                                       durationMinutes: meeting.durationMinutes, link: meeting.link))
                }
            }
        }
    }

    private static func deadlineReminders(_ db: Database, now: Date) throws -> [DueReminder] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT user.*, cohort.id AS cohortId, cohort.name AS cohortName,
                   COALESCE(portfolio.deadlineExtendedTo, cohort.portfolioDeadlineOn) AS due
            FROM membership JOIN user ON user.id = membership.userId JOIN cohort ON cohort.id = membership.cohortId
            LEFT JOIN portfolio ON portfolio.userId = membership.userId AND portfolio.cohortId = membership.cohortId
            WHERE membership.role = 'participant' AND user.deactivatedAt IS NULL
              AND (portfolio.state IS NULL OR portfolio.state IN ('draft', 'returned'))
            """)
        return try dayReminders(rows, milestones: deadlineReminderDays, occasion: "deadline", topic: .portfolioDeadline, now: now) { due in
            MailContent(
                subject: "Your portfolio is due in \(due.daysLeft)",
                greeting: MailContent.hello(due.user.name),
                paragraphs: ["Your portfolio for \(due.cohortName) is due by \(MailTime.day(due.day)), and it is not submitted yet.",
                             "The portfolio page lists what still stands between you and submitting."],
                action: .init(label: "Open your portfolio", path: SiteURL.portfolio.path(due.cohortId)))
        }
    }

    private static func courseworkReminders(_ db: Database, now: Date) throws -> [DueReminder] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT user.*, cohort.id AS cohortId, cohort.name AS cohortName, cohort.trainingEndsOn AS due
            FROM membership JOIN user ON user.id = membership.userId JOIN cohort ON cohort.id = membership.cohortId
            WHERE membership.role = 'participant' AND user.deactivatedAt IS NULL AND cohort.trainingEndsOn >= ?
              AND NOT EXISTS (SELECT 1 FROM courseworkCompletion c WHERE c.cohortId = cohort.id AND c.userId = user.id)
            """, arguments: [CalendarDay(now).adding(days: -1).description])
        return try dayReminders(rows, milestones: courseworkReminderDays, occasion: "coursework", topic: .courseworkDue, now: now) { due in
            MailContent(
                subject: "Course work is due in \(due.daysLeft)",
                greeting: MailContent.hello(due.user.name),
                paragraphs: ["The course work for \(due.cohortName) is due by \(MailTime.day(due.day)).",
                             "Passing it, with full attendance, opens the portfolio phase."],
                action: .init(label: "Open your cohort", path: SiteURL.cohort.path(due.cohortId)))
        }
    }

    /// A person's cohort day that something is due by, and the milestone passed.
    struct DueDay {
        let user: User
        let cohortId: Int64
        let cohortName: String
        let day: CalendarDay
        let days: Int
        var daysLeft: String { days == 1 ? "1 day" : "\(days) days" }
    }

    /// Reminders for rows of a person, `cohortId`, `cohortName` and the day `due`,
    /// each at the latest of `milestones` passed before the end of that day.
    private static func dayReminders(_ rows: [Row], milestones: [Int], occasion: String, topic: MailTopic, now: Date,
                                     content: @escaping (DueDay) -> MailContent) throws -> [DueReminder] {
        try rows.compactMap { row -> DueReminder? in
            guard let day = CalendarDay(row["due"] as String),
                  let days = milestone(milestones, before: day.adding(days: 1).at(hour: 0, minute: 0, in: .gmt), now: now)
            else { return nil }
            let due = DueDay(user: try User(row: row), cohortId: row["cohortId"], cohortName: row["cohortName"], day: day, days: days)
            return DueReminder(user: due.user, occasion: "\(occasion) \(due.cohortId) \(day) \(days)", topic: topic) { _ in content(due) }
        }
    }

    private static func holdReminders(_ db: Database, now: Date) throws -> [DueReminder] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT user.*, submission.id AS submissionId, submission.leaseExpiresAt AS lapsesAt
            FROM submission JOIN user ON user.id = submission.claimedById
            WHERE submission.state = 'claimed' AND submission.leaseExpiresAt > ? AND submission.leaseExpiresAt <= ?
            """, arguments: [now, now.addingTimeInterval(holdReminderLead)])
        return try rows.map { row in
            let user = try User(row: row)
            let submissionId: Int64 = row["submissionId"], lapsesAt: Date = row["lapsesAt"]
            return DueReminder(user: user, occasion: "hold \(submissionId) \(Int(lapsesAt.timeIntervalSince1970))",
                               topic: .reviewHolds) { _ in
                MailContent(
                    subject: "A portfolio review you hold lapses soon",
                    greeting: MailContent.hello(user.name),
                    paragraphs: ["Your hold on a portfolio review lapses \(MailTime.describe(lapsesAt, zone: user.timeZone)).",
                                 "Finish and submit the review before then, or it goes back to the queue for another evaluator."],
                    action: .init(label: "Open the review", path: SiteURL.review.path(submissionId)))
            }
        }
    }

    private static func members(_ db: Database, cohortId: Int64, role: CohortRole?) throws -> [User] {
        try User.fetchAll(db, sql: """
            SELECT user.* FROM membership JOIN user ON user.id = membership.userId
            WHERE membership.cohortId = ? AND (? IS NULL OR membership.role = ?) AND user.deactivatedAt IS NULL
            """, arguments: [cohortId, role, role])
    }
}
