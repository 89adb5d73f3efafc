import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Every role's dashboard says what to do next, and the navigation reaches the boards
/// and the right portfolio in one click.
@Suite struct DashboardTests {
    @Test func anEducatorSeesTheirPortfolioTheSessionsBoardAndFeedbackOnTheirArtifacts() async throws {
        let world = try await CohortWorld()
        let database = world.world.database
        let pat = try await database.viewer(userId: try #require(await database.user(email: "pa@school.org")?.id))
        let fay = try await database.viewer(userId: try #require(await database.user(email: "fa@school.org")?.id))
        let indicator = try #require(await database.indicatorChoices().first)
        let artifact = try await database.createArtifact(cohortId: world.cohortA.id!, title: "Lesson plan", description: "",
                                                         indicatorIds: [indicator.id], file: nil, link: "https://example.org/plan", viewer: pat)
        _ = try await database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "Say who it is for.", indicatorId: nil,
                                           parentId: nil, viewer: fay)
        try await world.test { (client) async throws in
            var browser = try await CohortWorld.session(client, as: "participantA")
            let page = try await browser.get("/").text
            #expect(page.contains("Your portfolio") && page.contains("0 of 25 criteria ready") && page.contains("Still to do: "))
            #expect(page.contains(">Discuss it on the Session 3 board</a>"))
            #expect(page.contains("Feedback on your artifacts") && page.contains("Facilitatora on “Lesson plan”"))
            #expect(page.contains(#">Boards</a>"#) && page.contains(#"href="/cohorts/\#(world.cohortA.id!)/portfolio""#))
            #expect(!page.contains("What needs you first"))
        }
    }

    @Test func afterAPassTheDashboardSaysSoAndLinksTheCertificate() async throws {
        let world = try await PortfolioWebWorld()
        let pat = try await world.participant("pat@school.org", submit: true)
        let eva = try await world.person("eva@school.org", "Eva", role: .evaluator)
        let submission = try await world.world.database.claimNext(viewer: eva)
        var marks: [Int: (met: Bool?, comment: String)] = [:]
        for criterion in 1...25 { marks[criterion] = (true, "") }
        _ = try await world.world.database.saveReview(submissionId: submission.id!, marks: marks, overall: "", submit: true, viewer: eva)
        _ = pat
        try await world.world.test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("pat@school.org")
            let page = try await browser.get("/").text
            #expect(page.contains("You passed.") && page.contains("See your certificate"))
            #expect(!page.contains("days left") && !page.contains("All live meetings are done."))  // only what matters now
        }
    }

    @Test func facilitatorsAndAdminsAreToldWhatWaitsForThemFirst() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let boards = try await pat.get("/cohorts/\(world.cohortA.id!)/boards").text
            let qa = try #require(boards.firstMatch(of: #/href="(/boards/\d+)"><strong>Q&amp;A/#)?.1)
            try await pat.post("\(qa)/threads", ["title": "Where is the rubric?", "body": "I cannot find it.", "kind": "question"])

            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            let facilitator = try await fay.get("/").text
            #expect(facilitator.contains("What needs you first"))
            #expect(facilitator.contains(#"<a href="\#(qa)">1 question without a reply in Q&amp;A (Cohort Alpha)</a>"#))

            var admin = try await CohortWorld.session(client, as: "admin")
            #expect(try await admin.post("/admin/invitations", ["email": "new@school.org", "role": "educator"]).status == .seeOther)
            let page = try await admin.get("/").text
            #expect(page.contains("1 invitation not yet accepted"))
            #expect(!page.contains("You are not in a cohort yet"))
            #expect(try await admin.get("/boards").text.contains("Which cohort’s?"))
        }
    }

    @Test func withTwoCohortsPortfolioAsksWhichAndWithOneGoesStraightThere() async throws {
        let world = try await CohortWorld()
        let database = world.world.database
        let pat = try #require(await database.user(email: "pa@school.org"))
        try await world.test { (client) async throws in
            var browser = try await CohortWorld.session(client, as: "participantA")
            #expect(try await browser.get("/portfolio").location == "/cohorts/\(world.cohortA.id!)/portfolio")
            try await database.enrol(userId: pat.id!, in: world.cohortB.id!, as: .participant, by: nil)
            let dashboard = try await browser.get("/").text
            #expect(dashboard.contains(#"<a href="/portfolio">Portfolio</a>"#) && dashboard.contains(#"<a href="/boards">Boards</a>"#))
            let choice = try await browser.get("/portfolio").text
            #expect(choice.contains(#"href="/cohorts/\#(world.cohortA.id!)/portfolio">Cohort Alpha</a>"#))
            #expect(choice.contains(#"href="/cohorts/\#(world.cohortB.id!)/portfolio">Cohort Beta</a>"#))
        }
    }
}
