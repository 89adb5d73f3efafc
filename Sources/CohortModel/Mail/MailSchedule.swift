import Foundation

/// When notices turn into mail.
public struct MailSchedule: Sendable {
    /// Mail "at once" waits this long, so what the person reads in the browser in the
    /// meantime is not mailed to them as well.
    public var noticeDelay: TimeInterval
    /// Summaries go out at this hour of the reader's day; weekly ones on Mondays.
    public var summaryHour: Int
    /// Notices older than this are not mailed any more (a server off for weeks).
    public var noticeMaximumAge: TimeInterval = 14 * 86_400

    public init(noticeDelay: TimeInterval = 600, summaryHour: Int = 7) {
        self.noticeDelay = noticeDelay
        self.summaryHour = summaryHour
    }

    /// The first summary time after `date` in `zone`: the next `summaryHour`, and for a
    /// weekly summary the next Monday at that hour.
    func nextSummary(after date: Date, weekly: Bool, zone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var components = DateComponents(hour: summaryHour, minute: 0, second: 0)
        if weekly { components.weekday = 2 }
        return calendar.nextDate(after: date, matching: components, matchingPolicy: .nextTime) ?? date.addingTimeInterval(86_400)
    }
}
