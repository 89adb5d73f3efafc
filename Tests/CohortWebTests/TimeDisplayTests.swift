import CohortModel
import Foundation
import Testing
@testable import CohortWeb

@Suite struct TimeDisplayTests {
    static func viewer(in zone: String) -> Viewer {
        Viewer(user: User(id: 1, email: "ed@school.org", name: "Ed", role: .educator, passwordHash: "", createdAt: Date(), timeZone: zone), cohortRoles: [:])
    }

    /// Post times are remembered per zone and minute; the zone must still count.
    @Test func remembersPostTimesPerZone() {
        let date = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21 14:13:20 UTC
        let chicago = TimeDisplay(viewer: Self.viewer(in: "America/Chicago"), fallback: "UTC")
        let tokyo = TimeDisplay(viewer: Self.viewer(in: "Asia/Tokyo"), fallback: "UTC")
        #expect(chicago.moment(date) == "Mon 21 Sept 2026, 09:13" || chicago.moment(date) == "Mon 21 Sep 2026, 09:13")
        #expect(tokyo.moment(date) == "Mon 21 Sept 2026, 23:13" || tokyo.moment(date) == "Mon 21 Sep 2026, 23:13")
        #expect(chicago.moment(date) == chicago.moment(date.addingTimeInterval(20)))  // same minute
        #expect(chicago.moment(date) != chicago.moment(date.addingTimeInterval(60)))
    }
}
