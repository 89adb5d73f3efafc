import CohortModel
import Foundation

/// Dates and times as people read them, in the zone they read them in, with the zone
/// named so nobody has to guess.
struct TimeDisplay {
    let zone: TimeZone
    /// True when the viewer chose this zone; otherwise it is the meeting's own.
    let isViewersOwn: Bool

    /// The viewer's zone when they set one, else the zone the meeting was set in.
    init(viewer: Viewer?, fallback: String) {
        if let identifier = viewer?.user.timeZone, let zone = TimeZone(identifier: identifier) {
            self.zone = zone
            isViewersOwn = true
        } else {
            zone = TimeZone(identifier: fallback) ?? .gmt
            isViewersOwn = false
        }
    }

    /// "Mon 16 Mar 2026, 17:00 (America/Chicago)"
    func meeting(_ date: Date) -> String {
        "\(format(date, "EEE d MMM yyyy, HH:mm")) (\(zone.identifier))"
    }

    /// "Mon 16 Mar 2026"
    func day(_ date: Date) -> String {
        format(date, "EEE d MMM yyyy")
    }

    private func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    /// "Wed 18 Nov 2026" for a stored `yyyy-MM-dd`.
    static func day(_ text: String) -> String {
        guard let day = CalendarDay(text) else { return text }
        return TimeDisplay(viewer: nil, fallback: "UTC").day(day.at(hour: 12, minute: 0, in: .gmt))
    }
}
