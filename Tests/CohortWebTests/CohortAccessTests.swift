import CohortModel
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Every cohort route for every seat, including a member of another cohort.
@Suite struct CohortAccessTests {
    static let seats = ["anonymous", "admin", "evaluator", "facilitatorA", "participantA", "facilitatorB", "participantB"]

    /// Expected status per seat, in `seats` order.
    static let readRoutes: [(String, [Int])] = [
        ("/cohorts/A", [303, 200, 404, 200, 200, 404, 404]),
        ("/cohorts/A/sessions/3/meeting.ics", [303, 200, 404, 200, 200, 404, 404]),
        ("/cohorts/A/schedule", [303, 200, 404, 200, 403, 404, 404]),
        ("/cohorts/A/roster", [303, 200, 404, 403, 403, 404, 404]),
        ("/cohorts/A/progress", [303, 200, 404, 200, 403, 404, 404]),
        ("/cohorts/A/progress.csv", [303, 200, 404, 200, 403, 404, 404]),
        ("/admin/cohorts/new", [303, 200, 403, 403, 403, 403, 403]),
        ("/cohorts/999", [303, 404, 404, 404, 404, 404, 404]),
        ("/cohorts/not-a-number", [303, 404, 404, 404, 404, 404, 404]),
    ]

    static let writeRoutes: [(String, [String: String], [Int])] = [
        ("/cohorts/A/schedule/sessions/4", ["day": "2030-01-07", "time": "17:00", "timeZone": "UTC", "link": ""],
         [303, 303, 404, 303, 403, 404, 404]),
        ("/cohorts/A/schedule/training-end", ["day": "2031-01-07"], [303, 303, 404, 303, 403, 404, 404]),
        ("/cohorts/A/members", ["email": "new@school.org", "name": "New", "role": "participant"],
         [303, 200, 404, 403, 403, 404, 404]),
        ("/cohorts/A/progress", ["coursework[]": "1"], [303, 303, 404, 303, 403, 404, 404]),
        ("/admin/cohorts", ["name": "Gamma", "startsOn": "2027-01-04", "time": "17:00", "timeZone": "UTC"],
         [303, 303, 403, 403, 403, 403, 403]),
    ]

    @Test func readsAreAllowedOnlyWhereTheSeatBelongs() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        try await world.test { (client) async throws in
            for (index, seat) in Self.seats.enumerated() {
                var session = try await CohortWorld.session(client, as: seat)
                for (route, expected) in Self.readRoutes {
                    let path = route.replacingOccurrences(of: "/A", with: "/\(a)")
                    let response = try await session.get(path)
                    #expect(response.status.code == expected[index], "GET \(path) as \(seat)")
                    if expected[index] == 404 {
                        #expect(!response.text.contains("Cohort Alpha"), "GET \(path) as \(seat) leaks the cohort")
                    }
                }
            }
        }
    }

    @Test func writesAreAllowedOnlyWhereTheSeatRunsTheCohort() async throws {
        for (index, seat) in Self.seats.enumerated() {
            // A fresh world per seat, so one seat's writes do not change the next one's.
            let world = try await CohortWorld()
            let a = world.cohortA.id!
            try await world.test { (client) async throws in
                var session = try await CohortWorld.session(client, as: seat)
                for (route, form, expected) in Self.writeRoutes {
                    let path = route.replacingOccurrences(of: "/A", with: "/\(a)")
                    let response = try await session.post(path, form)
                    #expect(response.status.code == expected[index], "POST \(path) as \(seat)")
                }
            }
        }
    }
}
