import Foundation

/// A date without a time, as people mean "the 4th of March". Stored as `yyyy-MM-dd`.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = Self.calendar.date(from: DateComponents(year: year, month: month, day: day)),
            Self.calendar.component(.day, from: date) == day
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `date` falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone = .gmt) {
        var calendar = Self.calendar
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year!
        self.month = parts.month!
        self.day = parts.day!
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public func adding(days: Int) -> CalendarDay {
        CalendarDay(Self.calendar.date(byAdding: .day, value: days, to: startInUTC)!)
    }

    public func adding(months: Int) -> CalendarDay {
        CalendarDay(Self.calendar.date(byAdding: .month, value: months, to: startInUTC)!)
    }

    /// Whole days from this day to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDay) -> Int {
        Self.calendar.dateComponents([.day], from: startInUTC, to: other.startInUTC).day!
    }

    /// The moment `hour:minute` on this day happens in `timeZone`.
    public func at(hour: Int, minute: Int, in timeZone: TimeZone) -> Date {
        var calendar = Self.calendar
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private var startInUTC: Date {
        Self.calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
}

extension CalendarDay {
    /// "Wed 18 Nov 2026", as every page and message shows a day.
    /// Built from the calendar rather than a DateFormatter: pages call this several
    /// times per request, and a formatter costs more to make than the whole string.
    public var spelledOut: String {
        let weekday = Self.utcCalendar.component(.weekday, from: at(hour: 12, minute: 0, in: .gmt))
        return "\(Self.weekdays[weekday - 1]) \(day) \(Self.months[month - 1]) \(year)"
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar
    }()
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
