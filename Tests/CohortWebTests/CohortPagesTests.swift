import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct CohortPagesTests {
    @Test func theCohortPageShowsTheTimelineInTheViewersTimeZone() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let page = try await pat.get("/cohorts/\(a)")
            #expect(page.text.contains("Cohort Alpha"))
            #expect(page.text.contains(#"<li class="current">"#))
            #expect(page.text.contains("Session 3 <span class=\"badge current\">Now</span>"))
            #expect(page.text.contains("17:00 (America/Chicago)"))
            #expect(page.text.contains("Pat Alpha"))
            #expect(!page.text.contains("Edit schedule"))

            let saved = try await pat.post("/account/time-zone", ["timeZone": "Europe/Paris"])
            #expect(saved.status == .seeOther)
            let paris = try await pat.get("/cohorts/\(a)")
            #expect(paris.text.contains("(Europe/Paris)"))
            #expect(paris.text.contains("shown in your time zone, Europe/Paris"))
            #expect(try await pat.post("/account/time-zone", ["timeZone": "Atlantis/Capital"]).status == .unprocessableContent)
        }
    }

    @Test func aMeetingCanBeAddedToACalendar() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let file = try await pat.get("/cohorts/\(a)/sessions/4/meeting.ics")
            #expect(file.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"session-4.ics\"")
            #expect(file.text.hasPrefix("BEGIN:VCALENDAR\r\n"))
            #expect(file.text.contains("SUMMARY:Cohort Alpha: Session 4 live meeting"))
            #expect(file.text.contains("DTSTART:"))
            #expect(file.text.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 })
            #expect(try await pat.get("/cohorts/\(a)/sessions/9/meeting.ics").status == .notFound)
        }
    }

    @Test func movingASessionSaysWhatMovedWithIt() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        let overview = try await world.world.database.cohortOverview(
            id: a, visibleTo: Viewer(user: try #require(try await world.world.database.user(email: "admin@school.org")), cohortRoles: [:]))
        let session4 = CalendarDay(overview.sessions[4].meeting.startsAt, in: TimeZone(identifier: "America/Chicago")!)
        try await world.test { (client) async throws in
            var facilitator = try await CohortWorld.session(client, as: "facilitatorA")
            let moved = try await facilitator.post("/cohorts/\(a)/schedule/sessions/4", [
                "day": session4.adding(days: 7).description, "time": "18:00", "timeZone": "America/Chicago",
                "link": "https://meet.example.org/alpha",
            ])
            #expect(moved.status == .seeOther)
            let message = try #require(moved.flash?.text)
            #expect(message.contains("Session 5 moved 7 days later with it"))
            #expect(message.contains("Training now ends on"))
            let page = try await facilitator.get("/cohorts/\(a)/schedule")
            #expect(page.text.contains(#"value="https://meet.example.org/alpha""#))
            #expect(page.text.contains(#"value="18:00""#))

            let bad = try await facilitator.post("/cohorts/\(a)/schedule/sessions/4", [
                "day": "2026-02-30", "time": "18:00", "timeZone": "America/Chicago", "link": "",
            ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Enter a date like"))
            #expect(bad.text.contains(#"value="2026-02-30""#))
        }
    }

    @Test func aRosterFileIsImportedRowByRowOrNotAtAll() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        try await world.test { (client) async throws in
            var admin = try await CohortWorld.session(client, as: "admin")
            _ = try await admin.get("/cohorts/\(a)/roster")
            let token = try #require(admin.csrfToken)

            // As the browser sends the form: the token is its first part.
            let (badType, badBody) = multipartForm(fields: [("_csrf", token)], file: (
                "file", "roster.csv", Array("email,name,role\nok@school.org,Ok,participant\nbroken,Broken,participant\n".utf8)))
            let refused = try await admin.send("/cohorts/\(a)/roster/import", method: .post,
                                               headers: [.contentType: badType], body: badBody)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Nothing was imported: 1 of 2 rows need fixing"))
            #expect(refused.text.contains("Rejected: bad email address"))
            #expect(try await world.world.database.pendingInvitations().isEmpty)

            let (type, body) = multipartFile(field: "file", filename: "roster.csv",
                                             content: "email,name,role\npb@school.org,Pat Beta,participant\nnew@school.org,New <b>Person</b>,facilitator\n")
            let imported = try await admin.send("/cohorts/\(a)/roster/import", method: .post,
                                                headers: [.contentType: type, CSRFMiddleware.headerName: token], body: body)
            #expect(imported.status == .ok)
            #expect(imported.text.contains("1 enrolled, 1 invited"))
            #expect(imported.text.contains("New &lt;b&gt;Person&lt;/b&gt;"))
            #expect(imported.text.contains(#"class="invitation-link" href="http://"#))

            let forged = try await admin.send("/cohorts/\(a)/roster/import", method: .post,
                                              headers: [.contentType: type, CSRFMiddleware.headerName: "forged"], body: body)
            #expect(forged.status == .forbidden)
            let inTheAddress = try await admin.send("/cohorts/\(a)/roster/import?_csrf=\(token)", method: .post,
                                                    headers: [.contentType: type], body: body)
            #expect(inTheAddress.status == .forbidden)
            let notMultipart = try await admin.send("/cohorts/\(a)/roster/import", method: .post,
                                                    headers: [.contentType: "text/plain", CSRFMiddleware.headerName: token],
                                                    body: ByteBuffer(string: "x"))
            #expect(notMultipart.status == .badRequest)
        }
    }

    @Test func progressIsSavedShownAndExported() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        let pat = try #require(try await world.world.database.user(email: "pa@school.org"))
        try await world.world.database.rename(userId: pat.id!, to: "=HYPERLINK(\"x\")")
        try await world.test { (client) async throws in
            var facilitator = try await CohortWorld.session(client, as: "facilitatorA")
            let grid = try await facilitator.get("/cohorts/\(a)/progress")
            let values = grid.text.matches(of: #/name="attended\[\]" value="(\d+:\d+)"/#).map { String($0.1) }
            #expect(values.count == 5)
            let form = values.map { ("attended[]", $0) } + [("coursework[]", "\(pat.id!)")]
            #expect(try await facilitator.post("/cohorts/\(a)/progress", pairs: form).status == .seeOther)
            #expect(try await world.world.database.isPortfolioPhaseOpen(userId: pat.id!, cohortId: a))
            #expect(try await facilitator.get("/cohorts/\(a)/progress").text.contains("1 of 1 participant is there"))

            let csv = try await facilitator.get("/cohorts/\(a)/progress.csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(whereSeparator: \.isNewline)
            #expect(lines.first == "Name,Email,Session 1,Session 2,Session 3,Session 4,Session 5,Course work complete,Portfolio phase open")
            #expect(lines.last?.hasPrefix("\"'=HYPERLINK(\"\"x\"\")\",pa@school.org,attended") == true)
            #expect(lines.last?.hasSuffix(",yes,yes") == true)
        }
    }

    @Test func theDashboardSaysWhatToDoNext() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let mine = try await pat.get("/")
            #expect(mine.text.contains("<strong>Session 3</strong>"))
            #expect(mine.text.contains("<strong>Session 4</strong>"))
            #expect(mine.text.contains("meeting.ics"))
            #expect(mine.text.contains("days left"))
            #expect(mine.text.contains("You attended 0 of 5 live sessions"))
            #expect(!mine.text.contains("Cohort Beta"))

            var facilitator = try await CohortWorld.session(client, as: "facilitatorA")
            let theirs = try await facilitator.get("/")
            #expect(theirs.text.contains("Needs your attention"))
            #expect(theirs.text.contains("Pat Alpha"))
            #expect(theirs.text.contains("missed Session 1; missed Session 2; missed Session 3"))

            var admin = try await CohortWorld.session(client, as: "admin")
            let all = try await admin.get("/")
            #expect(all.text.contains("Cohort Alpha") && all.text.contains("Cohort Beta"))
        }
    }

    @Test func anAdminCreatesACohortWithItsDerivedSchedule() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var admin = try await CohortWorld.session(client, as: "admin")
            let bad = try await admin.post("/admin/cohorts", ["name": "Gamma", "startsOn": "2027-01-04", "time": "17:00",
                                                              "timeZone": "Nowhere/Land"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Choose a time zone"))
            let created = try await admin.post("/admin/cohorts", ["name": "Gamma", "startsOn": "2027-01-04",
                                                                  "time": "16:30", "timeZone": "Asia/Tokyo"])
            #expect(created.status == .seeOther)
            let page = try await admin.get(try #require(created.location))
            #expect(page.text.contains("<h1>Gamma</h1>"))
            #expect(page.text.contains("Mon 4 Jan 2027"))
            #expect(page.text.contains("Mon 25 Jan 2027, 16:30 (Asia/Tokyo)"))
        }
    }
}
