import Foundation

/// What a person asks to change about one session's meeting, as typed.
public struct MeetingChange: Sendable {
    public var day: String
    public var time: String
    public var timeZone: String
    public var link: String

    public init(day: String, time: String, timeZone: String, link: String) {
        self.day = day
        self.time = time
        self.timeZone = timeZone
        self.link = link
    }

    struct Checked {
        let day: CalendarDay
        let hour: Int
        let minute: Int
        let zone: TimeZone
        let link: String?
    }

    func checked() throws(CohortError) -> Checked {
        guard let day = CalendarDay(day.trimmingCharacters(in: .whitespaces)) else { throw .invalidDate }
        let parts = time.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0..<24).contains(hour), (0..<60).contains(minute)
        else { throw .invalidTime }
        guard let zone = TimeZone(identifier: timeZone) else { throw .unknownTimeZone }
        let link = link.trimmingCharacters(in: .whitespacesAndNewlines)
        if !link.isEmpty {
            guard link.count <= 500, let url = URL(string: link), ["https", "http"].contains(url.scheme?.lowercased()),
                url.host != nil
            else { throw .invalidLink }
        }
        return Checked(day: day, hour: hour, minute: minute, zone: zone, link: link.isEmpty ? nil : link)
    }
}

/// What a schedule edit did, in words for the page.
public struct ScheduleChange: Sendable {
    public let message: String
}
