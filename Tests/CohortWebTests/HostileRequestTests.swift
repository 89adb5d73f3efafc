import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Requests the fuzzing part of the reliability suite found answered with a crash, a 500,
/// a developer's message or no message at all. Each now gets a clear 4xx.
@Suite struct HostileRequestTests {
    @Test func aNonASCIIByteInAPartHeaderNameIsABadRequestNotACrash() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            _ = try await pat.get("/cohorts/\(world.cohortA.id!)/artifacts/new")
            var body = ByteBuffer(string: "--a\r\nContent-Dispo")
            body.writeBytes([0xD7, 0x9B])
            body.writeString("sition: form-data; name=\"title\"\r\n\r\nx\r\n--a--\r\n")
            let response = try await pat.send("/cohorts/\(world.cohortA.id!)/artifacts", method: .post,
                                              headers: [.contentType: "multipart/form-data; boundary=a", CSRFMiddleware.headerName: pat.csrfToken!],
                                              body: body)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("could not be read"))
        }
    }

    @Test func formsThatAreNotFormsOrAreMisshapenGetASentence() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let board = try await world.world.database.boards(forCohort: world.cohortA.id!, viewer: world.world.database.viewer(
                userId: world.world.database.user(email: "pa@school.org")!.id!)).first!.board
            let plain = try await pat.send("/boards/\(board.id!)/threads", method: .post,
                                           headers: [.contentType: "text/plain", CSRFMiddleware.headerName: pat.csrfToken!],
                                           body: ByteBuffer(string: "title=%ZZ"))
            #expect(plain.status == .unsupportedMediaType)
            let array = try await pat.post("/boards/\(board.id!)/threads", pairs: [("title[]", "x"), ("body", "y")])
            #expect(array.status == .badRequest)
            #expect(array.text.contains("The form could not be read") && !array.text.contains("Type mismatch"))
            let shouting = try await pat.send("/account/name", method: .post,
                                              headers: [.contentType: "Application/X-WWW-Form-Urlencoded"],
                                              body: ByteBuffer(string: "name=Pat+A&_csrf=\(pat.csrfToken!)"))
            #expect(shouting.status == .seeOther)
            let put = try await pat.send("/account/name", method: .put, body: ByteBuffer(string: "name=x"))
            #expect(put.status == .methodNotAllowed)
        }
    }

    @Test func assetAddressesThatAreNotPlainFileNamesAreNotFound() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            #expect(try await browser.get("/assets/app.js").status == .ok)
            for path in ["/assets/app.js%00.html", "/assets/%2e%2e/Package.swift", "/assets/..", "/assets/nope.css", "/assets/%ZZ"] {
                let response = try await browser.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] != nil, "\(path) lacks the security headers")
                #expect(response.text.contains("There is no such file here."), "\(path) is not the error page")
            }
        }
    }

    /// SQLite's LENGTH() stops at a NUL and counts code points, so a NUL or combining marks
    /// once passed the Swift checks and failed the schema's as a 500.
    @Test func aNULTypedIntoAFormIsDropped() async throws {
        let world = try await CohortWorld()
        let database = world.world.database
        let fay = try await database.viewer(userId: try #require(await database.user(email: "fa@school.org")).id!)
        let board = try await database.boards(forCohort: world.cohortA.id!, viewer: fay).first!.board
        let topic = try await database.startTopic(boardId: board.id!, title: "Hello", body: "Words", kind: .discussion, viewer: fay)
        let post = try await database.thread(id: topic.id!, viewer: fay).posts[0].post
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            let response = try await pat.send("/posts/\(post.id!)/flag", method: .post,
                                              headers: [.contentType: "application/x-www-form-urlencoded"],
                                              body: ByteBuffer(string: "_csrf=\(pat.csrfToken!)&reason=%00%00"))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("Say in a few words what is wrong"))
            let broken = try await pat.send("/posts/\(post.id!)/flag", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                            body: ByteBuffer(string: "_csrf=\(pat.csrfToken!)&reason=%ZZ"))
            #expect(broken.status == .badRequest)
            #expect(broken.text.contains("The form could not be read"))
            let accents = String(repeating: "e\u{301}", count: 80)  // 80 characters, 160 code points
            let renamed = try await pat.post("/account/name", ["name": accents])
            #expect(renamed.status == .unprocessableContent)
        }
    }

    @Test func aReplyToALockedThreadSaysWhy() async throws {
        let world = try await CohortWorld()
        let database = world.world.database
        let fay = try await database.viewer(userId: try #require(await database.user(email: "fa@school.org")).id!)
        let board = try await database.boards(forCohort: world.cohortA.id!, viewer: fay).first!.board
        let topic = try await database.startTopic(boardId: board.id!, title: "Closed", body: "Done here", kind: .discussion, viewer: fay)
        try await database.setLocked(topicId: topic.id!, true, viewer: fay)
        try await world.test { (client) async throws in
            var pat = try await CohortWorld.session(client, as: "participantA")
            _ = try await pat.get("/threads/\(topic.id!)")
            let response = try await pat.post("/threads/\(topic.id!)/posts", ["body": "Me too"])
            #expect(response.status == .conflict)
            #expect(response.text.contains("This thread is locked: it can be read but not replied to."))
        }
    }

    @Test func movingASessionThatDoesNotExistIsNotFoundWhateverTheForm() async throws {
        let world = try await CohortWorld()
        try await world.test { (client) async throws in
            var fay = try await CohortWorld.session(client, as: "facilitatorA")
            let response = try await fay.post("/cohorts/\(world.cohortA.id!)/schedule/sessions/-1", ["day": "value", "time": "x"])
            #expect(response.status == .notFound)
        }
    }

    @Test func guessingTheCurrentPasswordIsThrottledLikeSigningIn() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("ed@school.org")
            var statuses: [Int] = []
            for _ in 0..<6 {
                let response = try await browser.post("/account/password", ["currentPassword": "guess", "newPassword": "a-new-long-password",
                                                                           "passwordConfirmation": "a-new-long-password"])
                statuses.append(response.status.code)
            }
            #expect(statuses == [422, 422, 422, 422, 422, 429])
        }
    }
}
