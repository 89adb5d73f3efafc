import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct ArtifactPagesTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 64)

    /// Shares an artifact as `session` sends the form a browser does (the token as its
    /// first part), returning the response.
    static func share(_ session: inout WebSession, cohort: Int64, title: String = "Licences lesson",
                      file: (String, [UInt8])? = ("plan.pdf", pdf), indicators: [String] = ["1", "5"],
                      submission: String? = nil) async throws -> TestResponse {
        _ = try await session.get("/cohorts/\(cohort)/artifacts/new")
        let (type, body) = multipartForm(
            fields: [("_csrf", session.csrfToken!)] + (submission.map { [("_submission", $0)] } ?? [])
                + [("title", title), ("description", "A *lesson*"), ("link", "")] + indicators.map { ("indicator[]", $0) },
            file: file.map { ("file", $0.0, $0.1) })
        return try await session.send("/cohorts/\(cohort)/artifacts", method: .post, headers: [.contentType: type], body: body)
    }

    func uploads(_ world: CohortWorld) -> [String] {
        let root = world.world.settings.uploadsDirectory
        let all = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return all.filter { !$0.hasSuffix("incoming") && $0.count > 40 }
    }

    @Test func anArtifactIsSharedWithAFileThatDownloadsSafely() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let created = try await Self.share(&pat, cohort: a, file: ("../../etc/plan.pdf", Self.pdf))
            #expect(created.status == .seeOther)
            let page = try await pat.get(try #require(created.location))
            #expect(page.text.contains("<h1>Licences lesson</h1>"))
            #expect(page.text.contains("2.1.a Learner"))
            #expect(page.text.contains("Download plan.pdf"))
            #expect(page.text.contains(#"<iframe class="preview""#))
            let fileHref = try #require(page.text.firstMatch(of: #/id="download" href="(/files/\d+)"/#)?.1)
            let file = try await pat.get(String(fileHref))
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "application/pdf")
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"plan.pdf\"") == true)
            #expect(file.headers[.xContentTypeOptions] == "nosniff")
            #expect(file.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
            #expect(Array(file.body.readableBytesView) == Self.pdf)
            let part = try await pat.send(String(fileHref), method: .get, headers: [.range: "bytes=0-3"])
            #expect(part.status == .partialContent)
            #expect(String(buffer: part.body) == "%PDF")
            #expect(part.headers[.contentRange] == "bytes 0-3/\(Self.pdf.count)")
        }
    }

    @Test func badUploadsAreRefusedClearlyAndLeaveNoFile() async throws {
        var limited = try await CohortWorld()
        limited.world.settings.maximumUploadBytes = 1000
        let world = limited
        let a = world.cohortA.id!
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let large = try await Self.share(&pat, cohort: a, file: ("big.pdf", Self.pdf + [UInt8](repeating: 0, count: 5000)))
            #expect(large.status == .contentTooLarge)
            #expect(large.text.contains("larger than"))
            #expect(large.text.contains(#"value="Licences lesson""#))  // the form keeps what was typed
            let html = try await Self.share(&pat, cohort: a, file: ("report.pdf", Array("<!doctype html><script>alert(1)</script>".utf8)))
            #expect(html.status == .unsupportedMediaType)
            #expect(html.text.contains("name says .pdf"))
            let exe = try await Self.share(&pat, cohort: a, file: ("tool.exe", Array("MZ".utf8)))
            #expect(exe.status == .unsupportedMediaType)
            let untitled = try await Self.share(&pat, cohort: a, title: "")  // a good file, refused for its form
            #expect(untitled.status == .unprocessableContent)
            let nothing = try await Self.share(&pat, cohort: a, file: nil)
            #expect(nothing.status == .unprocessableContent)
            #expect(nothing.text.contains("Add a file, a link, or both"))
            let unreadable = try await pat.send("/cohorts/\(a)/artifacts", method: .post,
                                                headers: [.contentType: "multipart/form-data; boundary=x"], body: ByteBuffer(string: "--x--"))
            #expect(unreadable.status == .badRequest)
            // The token is taken from the form's first part only, never from the address.
            let fields = [("title", "T"), ("indicator[]", "1")]
            for (target, parts) in [("/cohorts/\(a)/artifacts?_csrf=\(pat.csrfToken!)", fields),
                                    ("/cohorts/\(a)/artifacts", [("_csrf", "forged")] + fields),
                                    ("/cohorts/\(a)/artifacts", fields + [("_csrf", pat.csrfToken!)])] {
                let (type, body) = multipartForm(fields: parts, file: ("file", "plan.pdf", Self.pdf))
                let refused = try await pat.send(target, method: .post, headers: [.contentType: type], body: body)
                #expect(refused.status == .forbidden, "\(target) \(parts.map(\.0))")
            }
            #expect(uploads(world).isEmpty)
        }
    }

    /// A body declared larger than any upload is refused when its file begins: nothing is
    /// stored, and the form comes back with every field sent before the file.
    @Test func anUploadDeclaredTooLargeIsRefusedAtItsFileWithTheFormKept() async throws {
        var limited = try await CohortWorld()
        limited.world.settings.maximumUploadBytes = 1000
        let world = limited
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let huge = try await Self.share(&pat, cohort: world.cohortA.id!, title: "Kept title",
                                            file: ("film.pdf", Self.pdf + [UInt8](repeating: 0, count: 400_000)))
            #expect(huge.status == .contentTooLarge)
            #expect(huge.text.contains(#"value="Kept title""#))
            #expect(huge.text.contains("A *lesson*"))
            #expect(!huge.text.contains("?_csrf="))
            #expect(huge.text.contains(#"data-max-bytes="1000""#))
            #expect(uploads(world).isEmpty)
        }
    }

    @Test func anArtifactSharedTwiceWithTheSameFormIsSharedOnce() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let form = try await pat.get("/cohorts/\(world.cohortA.id!)/artifacts/new").text
            let key = try #require(form.firstMatch(of: #/name="_submission" value="([A-Za-z0-9_-]+)"/#)?.1)
            #expect(form.contains(#"<input type="hidden" name="_csrf""#) && !form.contains("?_csrf="))
            let first = try await Self.share(&pat, cohort: world.cohortA.id!, submission: String(key))
            let again = try await Self.share(&pat, cohort: world.cohortA.id!, submission: String(key))
            #expect(first.status == .seeOther && again.location == first.location)
            let mine = try await pat.get("/artifacts/mine").text
            #expect(mine.components(separatedBy: "Licences lesson").count == 2)
        }
    }

    @Test func anotherCohortGetsNotFoundForThePageVersionsAndFiles() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let location = try #require(try await Self.share(&pat, cohort: a, file: ("chart.png", Self.png)).location)
            let page = try await pat.get(location).text
            let file = try #require(page.firstMatch(of: #/id="download" href="(/files/\d+)"/#)?.1)
            #expect(try await pat.get(String(file)).headers[.contentDisposition]?.hasPrefix("inline") == true)
            var outsider = try await CohortWorld.session(client, as: "participantB")
            for path in [location, "\(location)?version=1", String(file), "\(file)/preview", "/cohorts/\(a)/artifacts",
                         "/cohorts/\(a)/artifacts/new"] {
                let response = try await outsider.get(path)
                #expect(response.status == .notFound, "GET \(path)")
                #expect(!response.text.contains("Licences"), "GET \(path)")
            }
            for (path, form) in [("\(location)/feedback", ["body": "x", "version": "1"]), ("\(location)/requests", ["mode": "auto"])] {
                #expect(try await outsider.post(path, form).status == .notFound, "POST \(path)")
            }
            var facilitator = try await CohortWorld.session(client, as: "facilitatorA")
            #expect(try await facilitator.get(location).status == .ok)
        }
    }

    @Test func aPeerGivesFeedbackOnAnIndicatorAndTheOwnerRevisesAndMarksItAddressed() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let location = try #require(try await Self.share(&pat, cohort: a).location)
            #expect(try await pat.post("\(location)/requests", ["mode": "named", "peer[]": "999"]).status == .unprocessableContent)

            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            let sent = try await fay.post("\(location)/feedback", ["body": "Show student work for this one.", "version": "1", "indicatorId": "1"])
            #expect(sent.status == .seeOther)
            let page = try await pat.get(location).text
            #expect(page.contains(#"<span class="badge info">2.1.a</span>"#))
            #expect(page.contains("1 open · 0 addressed"))
            let action = try #require(page.firstMatch(of: #/action="(/feedback/\d+/addressed)"/#)?.1)
            #expect(try await fay.post(String(action), ["addressed": "true"]).status == .forbidden)

            let (type, body) = multipartForm(fields: [("note", "Added student reflections"), ("link", "https://example.org/work")], file: nil)
            _ = try await pat.get(location)
            let revised = try await pat.send("\(location)/versions", method: .post,
                                             headers: [.contentType: type, CSRFMiddleware.headerName: pat.csrfToken!], body: body)
            #expect(revised.status == .seeOther)
            let latest = try await pat.get(location).text
            #expect(latest.contains("version 2 of 2"))
            #expect(latest.contains("No feedback on this version yet."))
            // What version 1's feedback still asks for is not buried by version 2.
            #expect(latest.contains("Still open from earlier versions") && latest.contains("Show student work for this one."))
            #expect(latest.contains(#"action="\#(action)""#))
            #expect(try await pat.post(String(action), ["addressed": "true"]).status == .seeOther)
            #expect(!(try await pat.get(location).text.contains("Still open from earlier versions")))
            let first = try await pat.get("\(location)?version=1").text
            #expect(first.contains("0 open · 1 addressed"))
            #expect(try await pat.get("/artifacts/mine").text.contains("1 addressed"))
        }
    }
}

@Suite struct ArtifactChangesTests {
    @Test func theOwnerEditsAnArtifactAndOthersCannot() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let location = try #require(try await ArtifactPagesTests.share(&pat, cohort: world.cohortA.id!).location)
            let form = try await pat.get("\(location)/edit").text
            #expect(form.contains(#"value="Licences lesson""#) && form.contains(#"value="5" checked"#))
            let refused = try await pat.post("\(location)/edit", ["title": "Renamed", "description": "Kept as typed", "indicator[]": ""])
            #expect(refused.status == .unprocessableContent && refused.text.contains("Choose at least one indicator"))
            #expect(refused.text.contains("Kept as typed") && refused.text.contains(#"value="Renamed""#))
            let saved = try await pat.post("\(location)/edit", ["title": "Licences, revised", "description": "Now **bold**", "indicator[]": "3"])
            #expect(saved.flash?.text == "Artifact updated.")
            let page = try await pat.get(location).text
            #expect(page.contains("<h1>Licences, revised</h1>") && page.contains("<strong>bold</strong>"))
            #expect(page.contains("2.1.c") && !page.contains("2.1.a Learner"))

            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            #expect(try await fay.get("\(location)/edit").status == .forbidden)
            #expect(try await fay.post("\(location)/edit", ["title": "Mine now", "indicator[]": "1"]).status == .forbidden)
            #expect(try await fay.post("\(location)/delete").status == .forbidden)
            var outsider = try await CohortWorld.session(client, as: "participantB")
            #expect(try await outsider.get("\(location)/edit").status == .notFound)
        }
    }

    @Test func anArtifactIsDeletedWithItsFilesUnlessAPortfolioUsesIt() async throws {
        let world = try await CohortWorld()
        let database = world.world.database
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let kept = try #require(try await ArtifactPagesTests.share(&pat, cohort: world.cohortA.id!, title: "In my portfolio").location)
            let gone = try #require(try await ArtifactPagesTests.share(&pat, cohort: world.cohortA.id!, title: "A false start",
                                                                       file: ("draft.png", ArtifactPagesTests.png)).location)
            let viewer = try await database.viewer(userId: try #require(await database.user(email: "pa@school.org")?.id))
            let keptId = try #require(Int64(kept.split(separator: "/").last!))
            let version = try await database.artifactView(id: keptId, viewer: viewer).shown.version.id!
            let indicator = try #require(await database.indicatorChoices().first)
            try await database.savePortfolio(cohortId: world.cohortA.id!, reflection: "", entries: [indicator.id: (version, "Why")],
                                             viewer: viewer)

            let refusal = try await pat.get("\(kept)/delete").text
            #expect(refusal.contains("Your portfolio links this artifact (2.1.a), so it cannot be deleted.") && !refusal.contains("confirm-delete-artifact"))
            #expect(try await pat.post("\(kept)/delete").flash?.kind == .alert)
            #expect(try await pat.get(kept).status == .ok)

            let stored = try await database.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storedFile") }
            #expect(try await pat.get("\(gone)/delete").text.contains("It cannot be undone."))
            let deleted = try await pat.post("\(gone)/delete")
            #expect(deleted.location == "/artifacts/mine" && deleted.flash?.text == "“A false start” is deleted.")
            #expect(try await pat.get(gone).status == .notFound)
            #expect(try await pat.post("\(gone)/delete").status == .notFound)  // a repeat changes nothing
            let after = try await database.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM storedFile") }
            #expect(after == (stored ?? 0) - 1)
            let root = world.world.settings.uploadsDirectory
            let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.count > 40 } ?? []
            #expect(files.count == 1)  // the PDF stays, the PNG went with its artifact
        }
    }
}

@Suite struct FeedbackModerationPagesTests {
    @Test func aFlagOnFeedbackReachesTheModerationQueue() async throws {
        let world = try await CohortWorld()
        let a = world.cohortA.id!
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let location = try #require(try await ArtifactPagesTests.share(&pat, cohort: a).location)
            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            _ = try await fay.post("\(location)/feedback", ["body": "Harsh words here.", "version": "1"])
            let page = try await pat.get(location).text
            let flag = try #require(page.firstMatch(of: #/action="(/feedback/\d+/flag)"/#)?.1)
            #expect(try await pat.post(String(flag), ["reason": "Too harsh"]).status == .seeOther)
            var outsider = try await CohortWorld.session(client, as: "participantB")
            #expect(try await outsider.post(String(flag), ["reason": "x"]).status == .notFound)
            let queue = try await fay.get("/moderation").text
            #expect(queue.contains("Too harsh"))
            let dismiss = try #require(queue.firstMatch(of: #/action="(/feedback-flags/\d+/dismiss)"/#)?.1)
            #expect(try await pat.post(String(dismiss)).status == .forbidden)
            #expect(try await fay.post(String(dismiss)).status == .seeOther)
            #expect(try await fay.get("/moderation").text.contains("No open flags"))

            // Hidden by mistake: the facilitator shows it again, as it was.
            let hide = String(flag).replacingOccurrences(of: "/flag", with: "/hide")
            #expect(try await fay.post(hide, ["reason": "Checking"]).status == .seeOther)
            #expect(!(try await pat.get(location).text.contains("Harsh words here.")))
            let hidden = try await fay.get(location).text
            let unhide = try #require(hidden.firstMatch(of: #/action="(/feedback/\d+/unhide)"/#)?.1)
            #expect(try await pat.post(String(unhide)).status == .forbidden)
            #expect(try await fay.post(String(unhide)).flash?.text == "Feedback shown again.")
            #expect(try await pat.get(location).text.contains("Harsh words here."))
        }
    }
}
