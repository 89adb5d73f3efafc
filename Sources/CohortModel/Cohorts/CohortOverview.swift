import Foundation

/// A training session of a cohort with its live meeting.
public struct ScheduledSession: Sendable {
    public let session: CourseSession
    public let meeting: CohortMeeting
}

/// A member as listed on cohort pages.
public struct CohortMember: Sendable {
    public let userId: Int64
    public let name: String
    public let email: String
    public let role: CohortRole
}

/// Where a session stands on the timeline at a given moment.
public enum SessionState: String, Sendable {
    case past
    case current
    case next
    case upcoming
}

/// Everything the cohort page shows: the cohort, its programme, its sessions in order
/// and its members.
public struct CohortOverview: Sendable {
    public let cohort: Cohort
    public let program: Program
    public let sessions: [ScheduledSession]
    public let members: [CohortMember]

    /// The session being worked on: the latest whose meeting has begun, until the
    /// training ends.
    public func currentSession(at now: Date) -> ScheduledSession? {
        guard let end = CalendarDay(cohort.trainingEndsOn), CalendarDay(now) <= end else { return nil }
        return sessions.last { $0.meeting.startsAt <= now }
    }

    public func nextSession(at now: Date) -> ScheduledSession? {
        sessions.first { $0.meeting.startsAt > now }
    }

    public func state(of scheduled: ScheduledSession, at now: Date) -> SessionState {
        if scheduled.session.id == currentSession(at: now)?.session.id { return .current }
        if scheduled.session.id == nextSession(at: now)?.session.id { return .next }
        return scheduled.meeting.startsAt <= now ? .past : .upcoming
    }

    /// Days from today to the portfolio deadline (negative once it has passed).
    public func daysUntilPortfolioDeadline(at now: Date) -> Int {
        CalendarDay(now).days(until: CalendarDay(cohort.portfolioDeadlineOn) ?? CalendarDay(now))
    }
}
