import CohortModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// A cohort whose training has ended (so its portfolio window is open now), with
/// helpers that make participants with complete training and ready portfolios.
struct PortfolioWebWorld {
    var world: TestWorld
    let cohort: Cohort
    let admin: Viewer

    init() async throws {
        world = try await TestWorld(withPeople: false)
        let database = world.database
        let program = try await database.builtInProgram()
        // Session 5 met 30 days ago: training ended 9 days ago.
        let start = CalendarDay(Date()).adding(days: -(21 + 56 + 30))
        cohort = try await database.createCohort(name: "Window Open", programId: program.id!, startsOn: start, meetingHour: 9,
                                                 timeZone: .gmt, by: nil)
        let hash = Password.hash(demoPassword, cost: 4)
        let adminUser = try await database.addUser(email: "admin@school.org", name: "Admin", role: .admin, passwordHash: hash)
        admin = try await database.viewer(userId: adminUser.id!)
    }

    func person(_ email: String, _ name: String, role: Role = .educator) async throws -> Viewer {
        let user = try await world.database.addUser(email: email, name: name, role: role, passwordHash: Password.hash(demoPassword, cost: 4))
        return try await world.database.viewer(userId: user.id!)
    }

    /// A participant whose portfolio is ready (and submitted, if asked).
    @discardableResult
    func participant(_ email: String, submit: Bool) async throws -> Viewer {
        let user = try await person(email, "Participant \(email.prefix(4))")
        try await world.database.enrol(userId: user.id, in: cohort.id!, as: .participant, by: nil)
        let viewer = try await world.database.viewer(userId: user.id)
        let grid = try await world.database.trainingProgress(cohortId: cohort.id!, by: admin)
        var marks = ProgressMarks(attended: [], courseworkComplete: [])
        for row in grid.rows {
            marks.courseworkComplete.insert(row.member.userId)
            for session in grid.sessions { marks.attended.insert(.init(userId: row.member.userId, sessionId: session.session.id!)) }
        }
        try await world.database.recordProgress(cohortId: cohort.id!, marks: marks, by: admin)
        let indicators = try await world.database.indicatorChoices()
        var versions: [Int64] = []
        for index in 0..<10 {
            let artifact = try await world.database.createArtifact(
                cohortId: cohort.id!, title: "Evidence \(index)", description: "", indicatorIds: [indicators[index].id],
                file: nil, link: "https://example.org/\(email)/\(index)", viewer: viewer)
            versions.append(try await world.database.artifactView(id: artifact.id!, viewer: viewer).shown.version.id!)
        }
        var entries: [Int64: (versionId: Int64?, context: String)] = [:]
        for (index, indicator) in indicators.enumerated() { entries[indicator.id] = (versions[index % 10], "Context for \(indicator.code)") }
        try await world.database.savePortfolio(cohortId: cohort.id!, reflection: "About me.", entries: entries, viewer: viewer)
        if submit { _ = try await world.database.submitPortfolio(cohortId: cohort.id!, viewer: viewer) }
        return viewer
    }
}

@Suite struct PortfolioPagesTests {
    @Test func anEducatorSubmitsAnEvaluatorPassesItAndTheCertificateVerifies() async throws {
        let world = try await PortfolioWebWorld()
        _ = try await world.participant("pat@school.org", submit: false)
        _ = try await world.person("eva@school.org", "Eva Evaluator", role: .evaluator)
        let cohortId = world.cohort.id!
        try await world.world.test { (client) async throws in
            var pat = WebSession(client)
            try await pat.signIn("pat@school.org")
            let builder = try await pat.get("/cohorts/\(cohortId)/portfolio")
            #expect(builder.text.contains("Nothing: it is ready to submit."))
            #expect(builder.text.contains("<svg class=\"chart\""))
            let confirmation = try await pat.post("/cohorts/\(cohortId)/portfolio/submit")
            #expect(confirmation.status == .ok && confirmation.text.contains("Submit your portfolio?"))
            #expect(try await pat.get("/cohorts/\(cohortId)/portfolio").text.contains("Draft"))  // not yet: it asks first
            #expect(try await pat.post("/cohorts/\(cohortId)/portfolio/submit", ["confirmed": "yes"]).status == .seeOther)
            let submitted = try await pat.get("/cohorts/\(cohortId)/portfolio").text
            #expect(submitted.contains("Submitted: waiting for an evaluator"))
            #expect(!submitted.contains(#"id="portfolio-form""#))  // read-only
            #expect(submitted.contains("Withdraw to make changes"))
            #expect(try await pat.get("/reviews").status == .forbidden)

            var eva = WebSession(client)
            try await eva.signIn("eva@school.org")
            #expect(try await eva.get("/reviews").text.contains(#"<dd id="waiting-count">1</dd>"#))
            let claimed = try await eva.post("/reviews/claim")
            let reviewPath = try #require(claimed.location)
            #expect(reviewPath.hasPrefix("/reviews/"))
            #expect(try await pat.get(reviewPath).status == .notFound)
            var form: [String: String] = ["overall": "Strong work.", "decision": "draft"]
            for criterion in 1...25 { form["mark-\(criterion)"] = criterion <= 20 ? "met" : "not-met" }
            #expect(try await eva.post(reviewPath, form).status == .seeOther)  // draft: comments not needed yet
            let autosaved = try await eva.post(reviewPath, form, headers: [HTTPField.Name("X-Autosave")!: "1"])
            #expect(autosaved.status == .noContent)
            form["decision"] = "submit"
            form["mark-24"] = nil
            form["mark-25"] = nil
            let missing = try await eva.post(reviewPath, form)
            #expect(missing.status == .unprocessableContent)  // every problem at once, and the marks are kept
            #expect(missing.text.contains("Mark criteria 24 and 25 met or not met. Say why criteria 21, 22 and 23 are not met."))
            #expect(missing.text.contains(##"<a href="#mark-24-heading">24–25</a>"##) && missing.text.contains(##"<a href="#mark-21-heading">21–23</a>"##))
            #expect(missing.text.contains(#"<span id="running-score">20</span> of 25 met"#))
            for criterion in 21...25 { form["mark-\(criterion)"] = criterion <= 23 ? "not-met" : "met" }
            for criterion in 21...23 { form["mark-\(criterion)-comment"] = "Show impact on learners." }
            let asked = try await eva.post(reviewPath, form)
            #expect(asked.status == .ok && asked.text.contains("22 of 25 criteria met, with 20 needed to pass: this portfolio passes."))
            #expect(try await eva.get(reviewPath).status == .ok)  // not decided until confirmed
            let decided = try await eva.post(reviewPath, ["decision": "confirm"])
            #expect(decided.flash?.text == "Review submitted: 22/25, passed.")
            #expect(try await eva.get(reviewPath).status == .notFound)  // final

            let result = try await pat.get("/cohorts/\(cohortId)/portfolio").text
            #expect(result.contains("Attempt 1: 22/25, passed"))
            let certificate = try #require(result.firstMatch(of: #/href="(/certificates/[A-Z0-9]+)"/#)?.1)
            let anonymous = WebSession(client)
            var visitor = anonymous
            let page = try await visitor.get(String(certificate))
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<span class="badge ok">Valid</span>"#))
            #expect(page.text.contains("ISTE Certification for Educators"))
            #expect(page.text.contains("awarded by ISTE (International Society for Technology in Education)"))
            let unknown = try await visitor.get("/certificates/NOT-A-CODE")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("No certificate has the code “NOT-A-CODE”"))
            #expect(unknown.text.contains(#"name="code""#) && !unknown.text.contains("Sign in"))
            // An employer types the code into the check page.
            let code = String(certificate.split(separator: "/").last!)
            #expect(try await visitor.get("/certificates").text.contains("Check a certificate"))
            let checked = try await visitor.get("/certificates?code=+\(code)+")
            #expect(checked.location == "/certificates/\(code)")

            var admin = WebSession(client)
            try await admin.signIn("admin@school.org")
            #expect(try await admin.post("/admin/certificates/revoke", ["code": code, "reason": "Issued in error"]).status == .seeOther)
            #expect(try await visitor.get(String(certificate)).text.contains("Revoked"))
            let reviews = try await admin.get("/admin/reviews").text
            #expect(reviews.contains("100%"))
            // A deadline is extended in a cohort picked by its name, not its number.
            #expect(reviews.contains(#"<option value="\#(world.cohort.id!)">\#(world.cohort.name)</option>"#))
            #expect(try await admin.get("/admin/reviews/report.csv").text.contains("Window Open,1,1,1,100,"))
        }
    }

    @Test func fiftyEvaluatorsClaimThirtySubmissionsAtOnceAndEachIsClaimedOnce() async throws {
        let world = try await PortfolioWebWorld()
        for index in 0..<30 { try await world.participant("p\(index)@school.org", submit: true) }
        for index in 0..<50 { _ = try await world.person("ev\(index)@school.org", "Evaluator \(index)", role: .evaluator) }
        try await world.world.test { (client) async throws in
            var sessions: [WebSession] = []
            for index in 0..<50 {
                var session = WebSession(client)
                try await session.signIn("ev\(index)@school.org")
                sessions.append(session)
            }
            let locations = try await withThrowingTaskGroup(of: String?.self) { group in
                for session in sessions {
                    group.addTask {
                        var session = session
                        return try await session.post("/reviews/claim").location
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            let claimed = locations.compactMap { $0 }.filter { $0.hasPrefix("/reviews/") && $0 != "/reviews" }
            #expect(claimed.count == 30)
            #expect(Set(claimed).count == 30)
            #expect(locations.filter { $0 == "/reviews" }.count == 20)
        }
    }

    @Test func portfoliosAndReviewsAreOnlyForTheirPeople() async throws {
        let world = try await PortfolioWebWorld()
        try await world.participant("pat@school.org", submit: true)
        _ = try await world.person("eva@school.org", "Eva", role: .evaluator)
        _ = try await world.person("other@school.org", "Other educator")
        let facilitator = try await world.person("fac@school.org", "Fac", role: .facilitator)
        try await world.world.database.enrol(userId: facilitator.id, in: world.cohort.id!, as: .facilitator, by: nil)
        let cohortId = world.cohort.id!
        try await world.world.test { (client) async throws in
            var other = WebSession(client)
            try await other.signIn("other@school.org")
            #expect(try await other.get("/cohorts/\(cohortId)/portfolio").status == .notFound)
            #expect(try await other.get("/reviews").status == .forbidden)
            #expect(try await other.post("/reviews/claim").status == .forbidden)
            var fac = WebSession(client)
            try await fac.signIn("fac@school.org")
            #expect(try await fac.get("/cohorts/\(cohortId)/portfolio").status == .forbidden)
            var eva = WebSession(client)
            try await eva.signIn("eva@school.org")
            #expect(try await eva.get("/reviews/1").status == .notFound)  // not claimed by Eva
            #expect(try await eva.get("/admin/reviews").status == .forbidden)
            let claim = try #require(try await eva.post("/reviews/claim").location)
            var evb = WebSession(client)
            _ = try await world.person("evb@school.org", "Evb", role: .evaluator)
            try await evb.signIn("evb@school.org")
            #expect(try await evb.get(claim).status == .notFound)
        }
    }
}

@Suite struct EvaluatorDashboardTests {
    /// An evaluator in no cohort is told what waits and what they hold, not that they are in no cohort.
    @Test func anEvaluatorsDashboardShowsTheQueueAndTheReviewTheyHold() async throws {
        let world = try await PortfolioWebWorld()
        try await world.participant("pa@school.org", submit: true)
        _ = try await world.person("ev@school.org", "Eva", role: .evaluator)
        try await world.world.test { (client) async throws in
            var eva = WebSession(client)
            try await eva.signIn("ev@school.org")
            let before = try await eva.get("/").text
            #expect(before.contains("1 portfolio waits for review; the oldest came in today."))
            #expect(!before.contains("Feedback asked of you"))
            #expect(before.contains("Review the next portfolio"))
            #expect(!before.contains("You are not in a cohort yet"))
            let claimed = try await eva.post("/reviews/claim", [:])
            let review = try #require(claimed.location)
            let after = try await eva.get("/").text
            #expect(after.contains("No portfolio waits for review."))
            #expect(after.contains(#"<a class="button" href="\#(review)">Continue your review</a>"#))
            #expect(!after.contains("Review the next portfolio"))

            var pat = WebSession(client)
            try await pat.signIn("pa@school.org")
            #expect(!(try await pat.get("/").text.contains("review-heading")))
        }
    }
}

@Suite struct PortfolioSubmissionTests {
    /// Submit sends the builder's text: it is saved before the educator is asked to
    /// confirm; the submission is then read-only, and can be withdrawn until claimed.
    @Test func submittingSavesFirstAsksThenCanBeWithdrawnUntilAnEvaluatorStarts() async throws {
        let world = try await PortfolioWebWorld()
        let pat = try await world.participant("pat@school.org", submit: false)
        _ = try await world.person("eva@school.org", "Eva", role: .evaluator)
        let path = "/cohorts/\(world.cohort.id!)/portfolio"
        try await world.world.test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("pat@school.org")
            let asked = try await browser.post(path + "/submit", ["reflection": "Edited just before submitting."])
            #expect(asked.text.contains("Submit your portfolio?") && asked.text.contains(#"name="confirmed" value="yes""#))
            let saved = try await world.world.database.portfolioView(cohortId: world.cohort.id!, viewer: pat)
            #expect(saved.reflection == "Edited just before submitting." && saved.state == .draft)

            #expect(try await browser.post(path + "/submit", ["confirmed": "yes"]).status == .seeOther)
            #expect(try await browser.post(path + "/submit", ["confirmed": "yes"]).flash?.text == "It is submitted already.")
            let readOnly = try await browser.get(path).text
            #expect(readOnly.contains("What you submitted on") && readOnly.contains("Edited just before submitting."))
            #expect(!readOnly.contains("<textarea"))

            let withdrawn = try await browser.post(path + "/withdraw")
            #expect(withdrawn.flash?.text == "Withdrawn. You can change your portfolio and submit it again.")
            #expect(try await browser.get(path).text.contains(#"id="portfolio-form""#))

            try await browser.post(path + "/submit", ["confirmed": "yes"])
            var eva = WebSession(client)
            try await eva.signIn("eva@school.org")
            #expect(try await eva.post("/reviews/claim").location?.hasPrefix("/reviews/") == true)
            let refused = try await browser.post(path + "/withdraw")
            #expect(refused.flash?.text == PortfolioError.alreadyInReview.message)
            #expect(!(try await browser.get(path).text.contains("Withdraw to make changes")))
        }
    }

    @Test func submittingWhatIsNotReadySavesItAndSaysWhatIsMissing() async throws {
        let world = try await PortfolioWebWorld()
        let pat = try await world.participant("pat@school.org", submit: false)
        let path = "/cohorts/\(world.cohort.id!)/portfolio"
        try await world.world.test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("pat@school.org")
            let refused = try await browser.post(path + "/submit", ["reflection": ""])
            #expect(refused.location == path)
            #expect(refused.flash?.text.hasPrefix("Saved. Before it can be submitted: criterion 1, the reflection, is empty") == true)
            #expect(try await world.world.database.portfolioView(cohortId: world.cohort.id!, viewer: pat).state == .draft)
        }
    }
}
