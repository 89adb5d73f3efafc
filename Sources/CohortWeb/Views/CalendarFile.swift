import CohortModel
import Foundation

/// An iCalendar (RFC 5545) file with one event: a cohort's session meeting, for
/// "add to my calendar".
struct CalendarFile {
    let cohort: Cohort
    let scheduled: ScheduledSession
    let now: Date

    var text: String {
        let meeting = scheduled.meeting
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Cohort//Cohort meetings//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "BEGIN:VEVENT",
            "UID:cohort-\(cohort.id!)-session-\(scheduled.session.position)@cohort",
            "DTSTAMP:\(Self.utc(now))",
            "DTSTART:\(Self.utc(meeting.startsAt))",
            "DTEND:\(Self.utc(meeting.startsAt.addingTimeInterval(Double(meeting.durationMinutes) * 60)))",
            "SUMMARY:\(Self.escaped("\(cohort.name): \(scheduled.session.title) live meeting"))",
            "DESCRIPTION:\(Self.escaped(scheduled.session.summary))",
        ]
        if let link = meeting.link {
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
