@testable import CohortModel
import CohortURLs
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Defects the xss part of the reliability suite found: control characters kept as
/// typed, direction overrides left open, a file name cut at a quoted `;`, and review
/// text cut or left unlimited.
@Suite struct TypedTextTests {
    @Test func formsDropControlCharactersAfterDecoding() {
        #expect(FormDecoder.typeable("title=Week%02ly%1B+plan%7F&body=a%09b%0D%0Ac") == "title=Weekly%20plan&body=a%09b%0D%0Ac")
        #expect(FormDecoder.typeable("a=%2501") == "a=%2501")  // a typed "%01" is text, not a control
        #expect(FormDecoder.typeable("a=%EF%BB%BFx") == "a=%EF%BB%BFx")  // a leading byte order mark is kept
        #expect(FormDecoder.typeable("a=%0%301") == nil)  // not percent-encoding: a 400, as before
        #expect(FormDecoder.typeable("_csrf=t&noValue%01&a%5B%5D=1") == "_csrf=t&a%5B%5D=1")
        #expect(FormDecoder.typeable("title=Plan+A&body=%E2%9C%93+%ef%bf%bfx") == "title=Plan%20A&body=%E2%9C%93%20x")
        #expect(FormDecoder.typeable("title=Plan+A&body=%E2%9C%93%0D%0Ab%09") == "title=Plan+A&body=%E2%9C%93%0D%0Ab%09")  // nothing to drop: as sent
    }

    @Test func controlCharactersTypedIntoAThreadAreNotStoredAndOldOnesStayOutOfFeeds() async throws {
        let world = try await CohortWorld()
        let database = world.world.database
        let fay = try await database.viewer(userId: try #require(await database.user(email: "fa@school.org")).id!)
        let board = try await database.boards(forCohort: world.cohortA.id!, viewer: fay).first!.board
        // A row from before forms dropped them.
        _ = try await database.startTopic(boardId: board.id!, title: "Old\u{1B}[31m", body: "Bell\u{7}", kind: .discussion, viewer: fay)
        let token = try await database.feedToken(for: fay)
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            _ = try await pat.get("/boards/\(board.id!)/threads/new")
            let created = try await pat.post("/boards/\(board.id!)/threads", ["title": "Week\u{2}ly\u{3} plan", "body": "See\u{1F} you"])
            #expect(created.status == .seeOther)
            let thread = try await pat.get(try #require(created.location)).text
            #expect(thread.contains("Weekly plan"))
            #expect(thread.contains("See you"))
            let feed = try await pat.get(SiteURL.boardFeed.path(board.id!) + "?token=\(token)")
            #expect(feed.status == .ok)
            #expect(feed.text.contains("Old[31m"))
            #expect(!feed.text.unicodeScalars.contains(where: { !TypedText.isTypeable($0) }))
        }
    }

    @Test func aDirectionControlLeftOpenIsClosedAtTheEnd() {
        let (rlo, pdf, rli, pdi) = ("\u{202E}", "\u{202C}", "\u{2067}", "\u{2069}")
        #expect(TypedText.cleaned("Pat\(rlo)gnp.exe") == "Pat\(rlo)gnp.exe\(pdf)")
        #expect(TypedText.cleaned("a\(rlo)b\nc\(rli)d\r\ne") == "a\(rlo)b\nc\(rli)d\r\ne\(pdi)\(pdf)")
        #expect(TypedText.cleaned("\(rli)\(rlo)x\(pdi)y") == "\(rli)\(rlo)x\(pdi)y")  // the PDI closed both
        #expect(TypedText.cleaned("\(rlo)\(rli)x\(pdf)") == "\(rlo)\(rli)x\(pdf)\(pdi)\(pdf)")  // a PDF cannot close past an isolate
        #expect(TypedText.cleaned("\(rlo)x\(pdf) \u{05E9}\u{05DC}\u{05D5}\u{05DD}") == "\(rlo)x\(pdf) \u{05E9}\u{05DC}\u{05D5}\u{05DD}")
        #expect(FormDecoder.typeable("name=Pat%E2%80%AEgnp") == "name=Pat%E2%80%AEgnp%E2%80%AC")
        #expect(FormDecoder.typeable("name=Pat\(rlo)gnp") == "name=Pat%E2%80%AEgnp%E2%80%AC")  // sent unencoded
        #expect(FormDecoder.typeable("name=%E2%80%99s+%E2%80%94+%E2%80%A6") == "name=%E2%80%99s+%E2%80%94+%E2%80%A6")  // quotes, dashes, ellipses: as sent
        #expect(FormDecoder.typeable("name=a+%e2%81%a7b") == "name=a%20%E2%81%A7b%E2%81%A9")  // an isolate, encoded in lower case
        #expect(FileType.claimed(byName: TypedText.cleaned("\(rlo)gnp.exe.txt")) == .text)  // the closer is not in the extension
    }

    @Test func anOverrideInANameEndsWithTheName() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let saved = try await pat.post("/account/name", ["name": "Pat \u{202E}Reversed"])
            #expect(saved.status == .seeOther)
            let page = try await pat.get("/account").text
            #expect(page.contains("Pat \u{202E}Reversed\u{202C}"))
        }
    }

    @Test func searchSnippetsNeverLeaveAMarkOpen() {
        #expect(AppDatabase.highlighted("a \u{2}plan\u{3} <b>") == "a <mark>plan</mark> &lt;b&gt;")
        #expect(AppDatabase.highlighted("\u{3}x\u{2}\u{2}plan") == "x<mark>plan</mark>")
    }

    @Test func aQuotedFileNameKeepsItsSemicolon() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let created = try await ArtifactPagesTests.share(&pat, cohort: world.cohortA.id!, file: ("notes; week 1.pdf", ArtifactPagesTests.pdf))
            #expect(created.status == .seeOther)
            #expect(try await pat.get(try #require(created.location)).text.contains("Download notes; week 1.pdf"))
        }
    }

    @Test func reviewTextOverItsLimitIsRefusedAndWhatWasTypedIsShownAgain() async throws {
        let world = try await PortfolioWebWorld()
        _ = try await world.participant("pat@school.org", submit: true)
        _ = try await world.person("eva@school.org", "Eva Evaluator", role: .evaluator)
        try await world.world.test { (client) async throws in
            var eva = WebSession(client)
            try await eva.signIn("eva@school.org")
            let reviewPath = try #require(try await eva.post("/reviews/claim").location)
            var form = ["overall": "Promising.", "decision": "draft", "mark-1": "met", "mark-2": "not-met",
                        "mark-2-comment": String(repeating: "x", count: PortfolioRules.maximumCommentLength + 1)]
            let refused = try await eva.post(reviewPath, form)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Keep the comment on criterion 2 to 5,000 characters."))
            #expect(refused.text.contains("Promising."))
            #expect(refused.text.contains(String(repeating: "x", count: PortfolioRules.maximumCommentLength + 1)))
            #expect(try await eva.get(reviewPath).text.contains("Promising.") == false)  // nothing was saved

            form["mark-2-comment"] = "Fine."
            form["overall"] = String(repeating: "y", count: PortfolioRules.maximumOverallLength + 1)
            #expect(try await eva.post(reviewPath, form).text.contains("Keep the overall feedback to 20,000 characters."))
            form["overall"] = "Promising."
            #expect(try await eva.post(reviewPath, form).status == .seeOther)
            #expect(try await eva.get(reviewPath).text.contains("Promising."))
        }
    }

    @Test func aRevocationReasonHasALimit() async throws {
        let world = try await PortfolioWebWorld()
        try await world.world.test { (client) async throws in
            var admin = WebSession(client)
            try await admin.signIn("admin@school.org")
            let long = try await admin.post("/admin/certificates/revoke",
                                            ["code": "ANY", "reason": String(repeating: "z", count: PortfolioRules.maximumReasonLength + 1)])
            #expect(long.status == .unprocessableContent)
            #expect(long.text.contains("Give a reason, in up to 500 characters."))
        }
    }
}
