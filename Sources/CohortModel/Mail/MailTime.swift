import Foundation

/// Times in mail are in the reader's zone with the zone named, as on pages.
enum MailTime {
    static func describe(_ date: Date, zone identifier: String?) -> String {
        let zone = identifier.flatMap(TimeZone.init(identifier:)) ?? .gmt
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone
        formatter.dateFormat = "EEEE d MMMM yyyy 'at' HH:mm"
        return "\(formatter.string(from: date)) (\(identifier.flatMap { TimeZone(identifier: $0) } == nil ? "UTC" : zone.identifier))"
    }

    static func day(_ day: CalendarDay) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = .gmt
        formatter.dateFormat = "EEEE d MMMM yyyy"
        return formatter.string(from: day.at(hour: 12, minute: 0, in: .gmt))
    }
}
