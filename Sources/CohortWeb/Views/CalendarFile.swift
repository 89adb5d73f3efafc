import CohortModel
import Foundation

/// An iCalendar (RFC 5545) file with one event: a cohort's session meeting, for
/// "add to my calendar" and for the reminder mailed a day before. Both name the event
/// alike, so a calendar that has it already updates it.
struct CalendarFile {
    let uid: String
    let summary: String
    let description: String
    let startsAt: Date
    let durationMinutes: Int
    let link: String?
    let now: Date

    init(cohort: Cohort, scheduled: ScheduledSession, now: Date) {
        uid = "cohort-\(cohort.id!)-session-\(scheduled.session.position)@cohort"
        summary = "\(cohort.name): \(scheduled.session.title) live meeting"
        description = scheduled.session.summary
        startsAt = scheduled.meeting.startsAt
        durationMinutes = scheduled.meeting.durationMinutes
        link = scheduled.meeting.link
        self.now = now
    }

    init(_ meeting: MailContent.Meeting, now: Date) {
        uid = meeting.uid
        summary = "\(meeting.title) live meeting"
        description = ""
        startsAt = meeting.startsAt
        durationMinutes = meeting.durationMinutes
        link = meeting.link
        self.now = now
    }

    var text: String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Cohort//Cohort meetings//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "BEGIN:VEVENT",
            "UID:\(uid)",
            "DTSTAMP:\(Self.utc(now))",
            "DTSTART:\(Self.utc(startsAt))",
            "DTEND:\(Self.utc(startsAt.addingTimeInterval(Double(durationMinutes) * 60)))",
            "SUMMARY:\(Self.escaped(summary))",
        ]
        if !description.isEmpty { lines.append("DESCRIPTION:\(Self.escaped(description))") }
        if let link, !link.isEmpty {
            lines.append("LOCATION:\(Self.escaped(link))")
            lines.append("URL:\(link)")
        }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    private static func utc(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .gmt
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space.
    private static func folded(_ line: String) -> String {
        var result = "", count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
