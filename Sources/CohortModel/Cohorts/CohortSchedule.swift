/// The programme calendar derived from the first session's date: Pre-Work opens three
/// weeks before Session 1, sessions are two weeks apart, course work is due three weeks
/// after the last session, and the portfolio window follows the training.
public struct CohortSchedule: Sendable, Equatable {
    public static let preWorkLeadDays = 21
    public static let daysBetweenSessions = 14
    public static let courseWorkDueDays = 21

    public let preWorkOpensOn: CalendarDay
    /// Session 1 ... N, in order.
    public let sessionDays: [CalendarDay]
    public let trainingEndsOn: CalendarDay
    public let portfolioDeadlineOn: CalendarDay

    public init(sessionOneOn: CalendarDay, sessionCount: Int, portfolioWindowMonths: Int) {
        preWorkOpensOn = sessionOneOn.adding(days: -Self.preWorkLeadDays)
        sessionDays = (0..<sessionCount).map { sessionOneOn.adding(days: $0 * Self.daysBetweenSessions) }
        trainingEndsOn = (sessionDays.last ?? sessionOneOn).adding(days: Self.courseWorkDueDays)
        portfolioDeadlineOn = trainingEndsOn.adding(months: portfolioWindowMonths)
    }
}
