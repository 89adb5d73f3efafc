import CohortModel
import Foundation
import Synchronization

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

    private static let meetingPattern = "EEE d MMM yyyy, HH:mm"
    private static let dayPattern = "EEE d MMM yyyy"

    /// "Mon 16 Mar 2026, 17:00 (America/Chicago)"
    func meeting(_ date: Date) -> String {
        "\(Self.format(date, Self.meetingPattern, zone)) (\(zone.identifier))"
    }

    /// "Mon 16 Mar 2026, 17:00" without the zone, for posts. Remembered per zone and
    /// minute: every reader of a 100-post thread needs the same 100 strings, and a
    /// lookup costs less than asking ICU each time.
    func moment(_ date: Date) -> String {
        let key = MomentKey(zone: zone.identifier, minute: Int64((date.timeIntervalSince1970 / 60).rounded(.down)))
        if let known = Self.moments.withLock({ $0[key] }) { return known }
        let text = Self.format(date, Self.meetingPattern, zone)
        Self.moments.withLock { moments in
            if moments.count >= Self.maximumRememberedMoments { moments.removeAll(keepingCapacity: true) }
            moments[key] = text
        }
        return text
    }

    private struct MomentKey: Hashable {
        let zone: String
        let minute: Int64
    }
    private static let moments = Mutex<[MomentKey: String]>([:])
    private static let maximumRememberedMoments = 50_000

    /// "Mon 16 Mar 2026"
    func day(_ date: Date) -> String {
        Self.format(date, Self.dayPattern, zone)
    }

    /// Formatters are kept per pattern and zone: making one (ICU) costs more than a
    /// page's worth of using one. Formatting happens under the lock, as a formatter is
    /// not safe to share between threads.
    private static func format(_ date: Date, _ pattern: String, _ zone: TimeZone) -> String {
        formatters.withLock { formatters in
            let key = "\(pattern)|\(zone.identifier)"
            if let formatter = formatters[key] { return formatter.string(from: date) }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB")
            formatter.timeZone = zone
            formatter.dateFormat = pattern
            formatters[key] = formatter
            return formatter.string(from: date)
        }
    }

    private static let formatters = Mutex<[String: DateFormatter]>([:])

    /// "2026-11-29T18:17:00Z", for machines: a `<time datetime>` and feeds.
    static func machine(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    /// "Wed 18 Nov 2026" for a stored `yyyy-MM-dd`.
    static func day(_ text: String) -> String {
        CalendarDay(text)?.spelledOut ?? text
    }
}
