import CohortModel
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Nothing typed is lost: a form sent after the sign-in expired is kept, and completes
/// once its author signs in again; drafts follow their author to another browser.
@Suite struct KeptTextTests {
    /// The hidden fields of the page's resume form, as a browser would send them.
    static func hiddenFields(_ page: String) -> [(String, String)] {
        let form = page.firstMatch(of: #/id="resume-form"(?s:.*?)</form>/#).map { String($0.0) } ?? ""
        return form.matches(of: #/<input type="hidden" name="([^"]*)" value="([^"]*)">/#).map { match in
            (String(match.1), String(match.2).replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&"))
        }
    }

    @Test func aPortfolioSavedAfterTheSignInExpiredIsSavedOnceTheEducatorSignsInAgain() async throws {
        let world = try await PortfolioWebWorld()
        let pat = try await world.participant("pat@school.org", submit: false)
        let path = "/cohorts/\(world.cohort.id!)/portfolio"
        try await world.world.test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("pat@school.org")
            try await browser.get(path)  // the form's token is this sign-in's
            try await SessionLifecycleTests.age(world.world.database, "pat@school.org", lastSeenDaysAgo: 7.1, createdDaysAgo: 10)
            let text = "Typed while away: 40 minutes' work & <care>."
            let quiet = try await browser.post(path, ["reflection": "autosaved"], headers: [HTTPField.Name("X-Autosave")!: "1"])
            #expect(quiet.status == .unauthorized)  // the script is told; nothing is held for it
            let sent = try await browser.post(path, ["reflection": text])
            #expect(sent.location == "/login")
            #expect(sent.flash?.text == ExpiredSessionMiddleware.signedOut)
            #expect(browser.cookies[CookieFactory.heldFormName] != nil)

            try await browser.get("/login")  // the redirect's page, with its sign-in form
            let signedIn = try await browser.post("/login", ["email": "pat@school.org", "password": demoPassword])
            #expect(signedIn.location == "/resume")
            let resume = try await browser.get("/resume")
            #expect(resume.text.contains(#"action="\#(path)""#))
            #expect(resume.text.contains("Typed while away: 40 minutes&#39; work &amp; &lt;care&gt;."))
            #expect(browser.cookies[CookieFactory.heldFormName] == nil)
            let saved = try await browser.post(path, pairs: Self.hiddenFields(resume.text))
            #expect(saved.flash?.text == "Portfolio saved.")
            let view = try await world.world.database.portfolioView(cohortId: world.cohort.id!, viewer: pat)
            #expect(view.reflection == text)
            #expect(try await browser.get("/resume").location == "/")  // held once
        }
    }

    @Test func aFormWithoutTheExpiredSignInsOwnTokenIsNotHeld() async throws {
        let world = try await PortfolioWebWorld()
        try await world.participant("pat@school.org", submit: false)
        _ = try await world.person("eve@school.org", "Eve")
        let path = "/cohorts/\(world.cohort.id!)/portfolio"
        try await world.world.test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("pat@school.org")
            try await SessionLifecycleTests.age(world.world.database, "pat@school.org", lastSeenDaysAgo: 7.1, createdDaysAgo: 10)
            let forged = try await browser.post(path, ["reflection": "Planted", "_csrf": "not-the-token"])
            #expect(forged.status == .forbidden)
            #expect(browser.cookies[CookieFactory.heldFormName] == nil)

            // A held form is its author's alone: someone else signing in on that browser does not get it.
            try await browser.get(path)
            let csrf = try await world.world.database.reader.read { db in
                try String.fetchOne(db, sql: "SELECT csrfToken FROM loginSession ORDER BY id DESC LIMIT 1")
            }
            #expect(try await browser.post(path, ["reflection": "Pat's words", "_csrf": try #require(csrf)]).location == "/login")
            try await browser.get("/login")
            try await browser.post("/login", ["email": "eve@school.org", "password": demoPassword])
            let resume = try await browser.get("/resume")
            #expect(resume.location == "/" && !resume.text.contains("Pat's words"))
        }
    }

    @Test func aDraftFollowsItsAuthorToAnotherBrowserAndGoesWhenPosted() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var laptop = try await CohortWorld.session(client, as: "participantA")
            let boards = try await laptop.get("/cohorts/\(world.cohortA.id!)/boards")
            let boardPath = try #require(boards.text.firstMatch(of: #/href="(/boards/\d+)"><strong>General/#)?.1)
            let threadPath = try #require(try await laptop.post("\(boardPath)/threads", ["title": "Drafts", "body": "Opening."]).location)
            let topicId = try #require(threadPath.split(separator: "/").last)
            #expect(try await laptop.post("/drafts", ["key": "reply-\(topicId)", "body": "Half a thought, kept."]).status == .noContent)
            #expect(try await laptop.post("/drafts", ["key": "../etc", "body": "x"]).status == .badRequest)

            var phone = try await CohortWorld.session(client, as: "participantA")
            let onPhone = try await phone.get(String(threadPath)).text
            #expect(onPhone.contains(#"data-draft="reply-\#(topicId)""#))
            #expect(onPhone.contains(">Half a thought, kept.</textarea>"))
            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            #expect(!(try await fay.get(String(threadPath)).text.contains("Half a thought")))

            #expect(try await phone.post("\(threadPath)/posts", ["body": "Half a thought, finished."]).status == .seeOther)
            #expect(!(try await laptop.get(String(threadPath)).text.contains(">Half a thought, kept.</textarea>")))

            let boardId = try #require(boardPath.split(separator: "/").last)
            try await laptop.post("/drafts", ["key": "thread-\(boardId)", "body": "A thread I will start later."])
            #expect(try await phone.get("\(boardPath)/threads/new").text.contains("A thread I will start later."))
        }
    }
}
