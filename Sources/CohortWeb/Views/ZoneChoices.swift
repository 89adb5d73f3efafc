import Foundation

/// Time zones as people choose them: grouped by region, each named by its city, its
/// everyday name and its offset ("Chicago: Central Time, UTC−06:00"), sent as its
/// identifier.
struct ZoneGroup {
    struct Zone {
        let id: String
        let label: String
        let selected: Bool
    }

    let region: String
    let zones: [Zone]

    static func all(selected: String) -> [ZoneGroup] {
        labelled.map { region, zones in
            ZoneGroup(region: region, zones: zones.map { Zone(id: $0.id, label: $0.label, selected: $0.id == selected) })
        }
    }

    private static let regions = ["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"]

    /// Worked out once: naming 400 zones takes ICU a while. Offsets are today's.
    private static let labelled: [(region: String, zones: [(id: String, label: String)])] = {
        let locale = Locale(identifier: "en_GB")
        let known = TimeZone.knownTimeZoneIdentifiers
        var groups = regions.map { region -> (region: String, zones: [(id: String, label: String)]) in
            let zones = known.filter { $0.hasPrefix(region + "/") }.compactMap { id -> (id: String, label: String)? in
                guard let zone = TimeZone(identifier: id) else { return nil }
                let place = id.split(separator: "/").dropFirst().reversed().map { $0.replacingOccurrences(of: "_", with: " ") }
                    .joined(separator: ", ")
                let name = zone.localizedName(for: .generic, locale: locale).map { ": \($0)" } ?? ""
                return (id, "\(place)\(name), \(offset(zone.secondsFromGMT()))")
            }
            return (region, zones.sorted { $0.label < $1.label })
        }
        groups.append(("Universal", [("UTC", "UTC, Coordinated Universal Time")]))
        return groups
    }()

    /// "UTC+05:30", "UTC−06:00"
    private static func offset(_ seconds: Int) -> String {
        let minutes = abs(seconds) / 60
        return "UTC\(seconds < 0 ? "−" : "+")" + String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}
