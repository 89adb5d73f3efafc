import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Every route the router has, requested by every kind of person, with real ids from
/// cohort A. A route added later without an entry here fails the suite.
@Suite struct AuthorizationMatrixTests {
    enum Seat: String, CaseIterable {
        case anonymous, participantA, participantB, facilitatorA, evaluatorWithClaim, evaluatorWithoutClaim, admin
    }

    /// Real ids from cohort A's data.
    struct Ids {
        let cohort: Int64, board: Int64, topic: Int64, post: Int64, artifact: Int64, version: Int64, feedback: Int64
        let submission: Int64, flag: Int64, feedbackFlag: Int64, invitation: Int64, feedToken: String
        /// Someone outside cohort A for the admin's account pages, a member of `otherCohort`.
        let person: Int64, otherCohort: Int64, mail: Int64
    }

    static func world() async throws -> (PortfolioWebWorld, Ids) {
        var world = try await PortfolioWebWorld()
        world.world.settings.postingLimits = .unlimitedRate
        let database = world.world.database
        let pat = try await world.participant("pa@school.org", submit: true)
        let facilitator = try await world.person("fa@school.org", "Fay", role: .facilitator)
        try await database.enrol(userId: facilitator.id, in: world.cohort.id!, as: .facilitator, by: nil)
        let fay = try await database.viewer(userId: facilitator.id)
        let other = try await database.createCohort(name: "Other", programId: world.cohort.programId,
                                                    startsOn: CalendarDay("2026-01-05")!, meetingHour: 9, timeZone: .gmt, by: nil)
        let outsider = try await world.person("pb@school.org", "Outsider")
        try await database.enrol(userId: outsider.id, in: other.id!, as: .participant, by: nil)
        let evaluator = try await world.person("ev@school.org", "Eva", role: .evaluator)
        _ = try await world.person("ev2@school.org", "Evan", role: .evaluator)
        let submission = try await database.claimNext(viewer: evaluator)
        let board = try await database.boards(forCohort: world.cohort.id!, viewer: pat).first!.board
        let topic = try await database.startTopic(boardId: board.id!, title: "A question", body: "Words", kind: .question, viewer: pat)
        let post = try await database.reply(topicId: topic.id!, body: "An answer", viewer: fay)
        try await database.flagPost(id: post.id!, reason: "Check", viewer: pat)
        let artifact = try await database.myArtifacts(viewer: pat).first!.artifact
        let view = try await database.artifactView(id: artifact.id!, viewer: pat)
        let feedback = try await database.addFeedback(artifactId: artifact.id!, versionNumber: 1, body: "Good", indicatorId: nil,
                                                      parentId: nil, viewer: fay)
        try await database.flagFeedback(id: feedback.id!, reason: "Check", viewer: pat)
        let feedbackFlag = try await database.feedbackFlagQueue(viewer: world.admin).first!.flagId
        let flag = try await database.flagQueue(viewer: world.admin).first!.flag.id!
        let invitation = try await database.invite(email: "new@school.org", role: .educator, by: world.admin.id).invitation.id!
        let token = try await database.feedToken(for: pat)
        let dee = try await world.person("dee@school.org", "Dee")
        try await database.enrol(userId: dee.id, in: other.id!, as: .participant, by: nil)
        let mail = try #require(try await database.outboxOverview(viewer: world.admin).latest.first?.id)
        return (world, Ids(cohort: world.cohort.id!, board: board.id!, topic: topic.id!, post: post.id!, artifact: artifact.id!,
                           version: view.shown.version.id!, feedback: feedback.id!, submission: submission.id!, flag: flag,
                           feedbackFlag: feedbackFlag, invitation: invitation, feedToken: token, person: dee.id,
                           otherCohort: other.id!, mail: mail))
    }

    static let emails: [Seat: String] = [
        .participantA: "pa@school.org", .participantB: "pb@school.org", .facilitatorA: "fa@school.org",
        .evaluatorWithClaim: "ev@school.org", .evaluatorWithoutClaim: "ev2@school.org", .admin: "admin@school.org",
    ]

    /// Expected status per seat, in `Seat.allCases` order:
    /// anonymous, participant A, participant B, facilitator A, evaluator with claim, evaluator without, admin.
    static func reads(_ ids: Ids) -> [String: (path: String, expected: [Int])] {
        let c = ids.cohort
        let member = [303, 200, 404, 200, 404, 404, 200]  // cohort A's own content
        let running = [303, 403, 404, 200, 404, 404, 200]  // what facilitators and admins run
        let signedIn = [303, 200, 200, 200, 200, 200, 200]
        let adminOnly = [303, 403, 403, 403, 403, 403, 200]
        return [
            "GET /": ("/", signedIn),
            "GET /account": ("/account", signedIn),
            "GET /admin": ("/admin", adminOnly),
            "GET /admin/cohorts/new": ("/admin/cohorts/new", adminOnly),
            "GET /admin/mail": ("/admin/mail", adminOnly),
            "GET /admin/mail/{message}": ("/admin/mail/\(ids.mail)", adminOnly),
            "GET /admin/people/{person}": ("/admin/people/\(ids.person)", adminOnly),
            "GET /password-reset": ("/password-reset", [200, 200, 200, 200, 200, 200, 200]),
            "GET /password-reset/{token}": ("/password-reset/not-a-token", [404, 404, 404, 404, 404, 404, 404]),
            "GET /account/email/{token}": ("/account/email/not-a-token", [404, 404, 404, 404, 404, 404, 404]),
            "GET /mail/unsubscribe/{token}/{topics}": ("/mail/unsubscribe/not-a-token/reply", [404, 404, 404, 404, 404, 404, 404]),
            "GET /admin/people": ("/admin/people", adminOnly),
            "GET /admin/reviews": ("/admin/reviews", adminOnly),
            "GET /admin/reviews/report.csv": ("/admin/reviews/report.csv", adminOnly),
            "GET /artifacts/mine": ("/artifacts/mine", signedIn),
            "GET /artifacts/{artifact}": ("/artifacts/\(ids.artifact)", member),
            "GET /artifacts/{artifact}/edit": ("/artifacts/\(ids.artifact)/edit", [303, 200, 404, 403, 404, 404, 403]),  // the owner's
            "GET /artifacts/{artifact}/delete": ("/artifacts/\(ids.artifact)/delete", [303, 200, 404, 403, 404, 404, 403]),
            "GET /boards/{board}": ("/boards/\(ids.board)", member),
            "GET /boards/{board}/feed.atom": ("/boards/\(ids.board)/feed.atom?token=\(ids.feedToken)", [200, 200, 200, 200, 200, 200, 200]),
            "GET /boards/{board}/people": ("/boards/\(ids.board)/people?q=a", member),
            "GET /boards/{board}/threads/new": ("/boards/\(ids.board)/threads/new", member),
            "GET /certificates/{code}": ("/certificates/NO-SUCH-CODE", [404, 404, 404, 404, 404, 404, 404]),
            "GET /certificates": ("/certificates", [200, 200, 200, 200, 200, 200, 200]),
            "GET /cohorts/{cohort}": ("/cohorts/\(c)", member),
            "GET /cohorts/{cohort}/artifacts": ("/cohorts/\(c)/artifacts", member),
            "GET /cohorts/{cohort}/artifacts/new": ("/cohorts/\(c)/artifacts/new", [303, 200, 404, 200, 404, 404, 403]),
            "GET /cohorts/{cohort}/boards": ("/cohorts/\(c)/boards", member),
            "GET /cohorts/{cohort}/portfolio": ("/cohorts/\(c)/portfolio", [303, 200, 404, 403, 404, 404, 403]),
            "GET /cohorts/{cohort}/progress": ("/cohorts/\(c)/progress", running),
            "GET /cohorts/{cohort}/progress.csv": ("/cohorts/\(c)/progress.csv", running),
            "GET /cohorts/{cohort}/roster": ("/cohorts/\(c)/roster", [303, 403, 404, 403, 404, 404, 200]),
            "GET /cohorts/{cohort}/schedule": ("/cohorts/\(c)/schedule", running),
            "GET /cohorts/{cohort}/sessions/{position}/meeting.ics": ("/cohorts/\(c)/sessions/1/meeting.ics", member),
            "GET /files/{version}": ("/files/\(ids.version)", [303, 404, 404, 404, 404, 404, 404]),  // a link-only version has no file
            "GET /files/{version}/preview": ("/files/\(ids.version)/preview", [303, 404, 404, 404, 404, 404, 404]),
            "GET /invitations/{token}": ("/invitations/not-a-token", [404, 404, 404, 404, 404, 404, 404]),
            "GET /login": ("/login", [200, 303, 303, 303, 303, 303, 303]),
            "GET /moderation": ("/moderation", [303, 403, 403, 200, 403, 403, 200]),
            "GET /notifications": ("/notifications", signedIn),
            "GET /boards": ("/boards", [303, 303, 303, 303, 403, 403, 200]),  // one cohort: straight to its boards
            "GET /portfolio": ("/portfolio", [303, 303, 303, 404, 404, 404, 404]),
            "GET /resume": ("/resume", [303, 303, 303, 303, 303, 303, 303]),  // nothing held: on to the dashboard
            "GET /posts/{post}": ("/posts/\(ids.post)", [303, 303, 404, 303, 404, 404, 303]),
            "GET /posts/{post}/edit": ("/posts/\(ids.post)/edit", [303, 403, 404, 200, 404, 404, 200]),
            "GET /posts/{post}/history": ("/posts/\(ids.post)/history", member),
            "GET /posts/{post}/delete": ("/posts/\(ids.post)/delete", [303, 403, 404, 200, 404, 404, 200]),
            "GET /reviews": ("/reviews", [303, 403, 403, 403, 200, 200, 200]),
            "GET /reviews/{submission}": ("/reviews/\(ids.submission)", [303, 404, 404, 404, 200, 404, 200]),
            "GET /reviews/{submission}/files/{version}": ("/reviews/\(ids.submission)/files/\(ids.version)", [303, 404, 404, 404, 404, 404, 404]),
            "GET /search": ("/search?q=question", signedIn),
            "GET /setup": ("/setup?token=guess", [404, 404, 404, 404, 404, 404, 404]),
            "GET /threads/{thread}": ("/threads/\(ids.topic)", member),
        ]
    }

    @Test func everyReadRouteAnswersEachSeatAsExpectedLeaksNothingAndChangesNothing() async throws {
        let (world, ids) = try await Self.world()
        let reads = Self.reads(ids)
        let (router, routeTable) = try await buildRouter(settings: world.world.settings, database: world.world.database)
        #expect(routeTable.routesWithoutPolicy.isEmpty, "routes registered without a policy: \(routeTable.routesWithoutPolicy)")
        #expect(routeTable.routes.count == router.routes.count)
        let getRoutes = Set(routeTable.routes.filter { $0.method == .get }.map { "GET \($0.path)" })
        #expect(getRoutes.subtracting(reads.keys).isEmpty, "routes without an entry: \(getRoutes.subtracting(reads.keys).sorted())")
        let database = world.world.database
        let (checks, mismatches, leaks) = try await world.world.test { (client) async throws -> (Int, Int, Int) in
            var sessions: [WebSession] = []
            for seat in Seat.allCases {
                var session = WebSession(client)
                if let email = Self.emails[seat] { try await session.signIn(email) }
                sessions.append(session)
            }
            let before = try await DatabaseFingerprint(database, ignoring: DatabaseFingerprint.seenState)
            var checks = 0, mismatches = 0, leaks = 0
            for (index, seat) in Seat.allCases.enumerated() {
                for (route, entry) in reads.sorted(by: { $0.key < $1.key }) {
                    let response = try await sessions[index].get(entry.path)
                    checks += 1
                    if response.status.code != entry.expected[index] { mismatches += 1 }
                    #expect(response.status.code == entry.expected[index], "\(route) as \(seat.rawValue)")
                    if response.status == .notFound, response.text.contains("A question") || response.text.contains("Evidence 0") {
                        leaks += 1
                        Issue.record("\(route) as \(seat.rawValue) leaks cohort A's content in its 404")
                    }
                }
            }
            // Reading records only what the reader has seen (read positions, notices read).
            let after = try await DatabaseFingerprint(database, ignoring: DatabaseFingerprint.seenState)
            #expect(after.changedTables(since: before).isEmpty, "GET requests changed \(after.changedTables(since: before))")
            return (checks, mismatches, leaks)
        }
        print("authz: \(checks) read route x seat checks, \(mismatches) unexpected, \(leaks) leaks; GETs changed nothing")
    }
}

extension AuthorizationMatrixTests {
    /// Writes: nobody outside cohort A may change anything of A's. Expected status for a
    /// signed-out visitor and for a participant of cohort B (404 where A's things are
    /// private, 403 where the page is for a role they lack; admin tools are 403).
    static func writes(_ ids: Ids) -> [String: (path: String, form: [String: String], anonymous: Int, outsider: Int)] {
        let c = ids.cohort
        return [
            "POST /account/feed-token": ("/account/feed-token", [:], 303, 303),
            "POST /account/email": ("/account/email", ["newEmail": "new@elsewhere.org", "currentPassword": "wrong password"], 303, 422),
            "POST /account/email/{token}": ("/account/email/not-a-token", [:], 404, 404),
            "POST /account/mail": ("/account/mail", ["reply": "daily"], 303, 303),
            "POST /admin/mail/{message}/retry": ("/admin/mail/\(ids.mail)/retry", [:], 303, 403),
            "POST /admin/people/{person}/role": ("/admin/people/\(ids.person)/role", ["role": "admin"], 303, 403),
            "POST /admin/people/{person}/deactivate": ("/admin/people/\(ids.person)/deactivate", [:], 303, 403),
            "POST /admin/people/{person}/reactivate": ("/admin/people/\(ids.person)/reactivate", [:], 303, 403),
            "POST /admin/people/{person}/password-reset": ("/admin/people/\(ids.person)/password-reset", [:], 303, 403),
            "POST /admin/people/{person}/cohorts/{cohort}/remove": ("/admin/people/\(ids.person)/cohorts/\(ids.otherCohort)/remove", [:], 303, 403),
            "POST /password-reset": ("/password-reset", ["email": "pa@school.org"], 200, 200),
            "POST /password-reset/{token}": ("/password-reset/not-a-token", ["password": "x", "passwordConfirmation": "x"], 404, 404),
            "POST /mail/unsubscribe/{token}/{topics}": ("/mail/unsubscribe/not-a-token/reply", [:], 404, 404),
            "POST /account/name": ("/account/name", ["name": "New name"], 303, 303),
            "POST /account/password": ("/account/password", ["currentPassword": "x", "newPassword": "y", "passwordConfirmation": "y"], 303, 422),
            "POST /account/time-zone": ("/account/time-zone", ["timeZone": "UTC"], 303, 303),
            "POST /admin/boards": ("/admin/boards", ["title": "Mine"], 303, 403),
            "POST /admin/certificates/revoke": ("/admin/certificates/revoke", ["code": "X", "reason": "x"], 303, 403),
            "POST /admin/cohorts": ("/admin/cohorts", ["name": "X", "startsOn": "2027-01-04", "time": "17:00", "timeZone": "UTC"], 303, 403),
            "POST /admin/extensions": ("/admin/extensions", ["email": "pa@school.org", "cohortId": "\(c)", "day": "2030-01-01", "reason": "x"], 303, 403),
            "POST /admin/invitations": ("/admin/invitations", ["email": "x@school.org", "role": "admin"], 303, 403),
            "POST /admin/invitations/{invitation}/revoke": ("/admin/invitations/\(ids.invitation)/revoke", [:], 303, 403),
            "POST /admin/reviews/{submission}/reassign": ("/admin/reviews/\(ids.submission)/reassign", ["evaluatorId": "1"], 303, 403),
            "POST /admin/reviews/{submission}/release": ("/admin/reviews/\(ids.submission)/release", [:], 303, 403),
            "POST /artifacts/{artifact}/feedback": ("/artifacts/\(ids.artifact)/feedback", ["body": "x", "version": "1"], 303, 404),
            "POST /artifacts/{artifact}/requests": ("/artifacts/\(ids.artifact)/requests", ["mode": "auto"], 303, 404),
            "POST /artifacts/{artifact}/versions": ("/artifacts/\(ids.artifact)/versions", [:], 303, 404),
            "POST /artifacts/{artifact}/edit": ("/artifacts/\(ids.artifact)/edit", ["title": "x", "indicator[]": "1"], 303, 404),
            "POST /artifacts/{artifact}/delete": ("/artifacts/\(ids.artifact)/delete", [:], 303, 404),
            "POST /boards/{board}/archive": ("/boards/\(ids.board)/archive", ["archived": "true"], 303, 404),
            "POST /boards/{board}/rename": ("/boards/\(ids.board)/rename", ["title": "x"], 303, 404),
            "POST /boards/{board}/threads": ("/boards/\(ids.board)/threads", ["title": "x", "body": "y", "kind": "discussion"], 303, 404),
            "POST /boards/{board}/watch": ("/boards/\(ids.board)/watch", ["watching": "true"], 303, 404),
            "POST /cohorts/{cohort}/artifacts": ("/cohorts/\(c)/artifacts", [:], 303, 404),
            "POST /cohorts/{cohort}/boards": ("/cohorts/\(c)/boards", ["title": "x"], 303, 404),
            "POST /cohorts/{cohort}/members": ("/cohorts/\(c)/members", ["email": "x@school.org", "name": "X", "role": "participant"], 303, 404),
            "POST /cohorts/{cohort}/portfolio": ("/cohorts/\(c)/portfolio", ["reflection": "x"], 303, 404),
            "POST /cohorts/{cohort}/portfolio/submit": ("/cohorts/\(c)/portfolio/submit", [:], 303, 404),
            "POST /cohorts/{cohort}/portfolio/withdraw": ("/cohorts/\(c)/portfolio/withdraw", [:], 303, 404),
            "POST /cohorts/{cohort}/progress": ("/cohorts/\(c)/progress", [:], 303, 404),
            "POST /cohorts/{cohort}/roster/import": ("/cohorts/\(c)/roster/import", [:], 303, 404),
            "POST /cohorts/{cohort}/schedule/sessions/{position}": ("/cohorts/\(c)/schedule/sessions/2", ["day": "2030-01-01", "time": "17:00", "timeZone": "UTC"], 303, 404),
            "POST /cohorts/{cohort}/schedule/training-end": ("/cohorts/\(c)/schedule/training-end", ["day": "2030-01-01"], 303, 404),
            "POST /feedback-flags/{feedbackFlag}/dismiss": ("/feedback-flags/\(ids.feedbackFlag)/dismiss", [:], 303, 404),
            "POST /feedback/{feedback}/addressed": ("/feedback/\(ids.feedback)/addressed", ["addressed": "true"], 303, 404),
            "POST /feedback/{feedback}/flag": ("/feedback/\(ids.feedback)/flag", ["reason": "x"], 303, 404),
            "POST /feedback/{feedback}/hide": ("/feedback/\(ids.feedback)/hide", ["reason": "x"], 303, 404),
            "POST /feedback/{feedback}/unhide": ("/feedback/\(ids.feedback)/unhide", [:], 303, 404),
            "POST /flags/{flag}/dismiss": ("/flags/\(ids.flag)/dismiss", [:], 303, 404),
            "POST /invitations/{token}": ("/invitations/not-a-token", ["name": "x", "password": "y", "passwordConfirmation": "y"], 404, 404),
            "POST /login": ("/login", ["email": "pa@school.org", "password": "wrong password"], 401, 401),
            "POST /logout": ("/logout", [:], 303, 303),
            "POST /drafts": ("/drafts", ["key": "reply-1", "body": "x"], 303, 204),  // a draft is its author's alone
            "POST /preview": ("/preview", ["body": "x"], 303, 200),  // writes nothing
            "POST /notifications/read": ("/notifications/read", [:], 303, 303),
            "POST /posts/{post}/delete": ("/posts/\(ids.post)/delete", [:], 303, 404),
            "POST /posts/{post}/edit": ("/posts/\(ids.post)/edit", ["body": "x"], 303, 404),
            "POST /posts/{post}/flag": ("/posts/\(ids.post)/flag", ["reason": "x"], 303, 404),
            "POST /posts/{post}/helpful": ("/posts/\(ids.post)/helpful", [:], 303, 404),
            "POST /posts/{post}/hide": ("/posts/\(ids.post)/hide", ["reason": "x"], 303, 404),
            "POST /posts/{post}/unhide": ("/posts/\(ids.post)/unhide", [:], 303, 404),
            "POST /reviews/claim": ("/reviews/claim", [:], 303, 403),
            "POST /reviews/{submission}": ("/reviews/\(ids.submission)", ["decision": "draft"], 303, 404),
            "POST /setup": ("/setup?token=guess", [:], 404, 404),
            "POST /threads/{thread}/accept": ("/threads/\(ids.topic)/accept", ["postId": "\(ids.post)"], 303, 404),
            "POST /threads/{thread}/lock": ("/threads/\(ids.topic)/lock", ["on": "true"], 303, 404),
            "POST /threads/{thread}/move": ("/threads/\(ids.topic)/move", ["boardId": "\(ids.board)"], 303, 404),
            "POST /threads/{thread}/pin": ("/threads/\(ids.topic)/pin", ["on": "true"], 303, 404),
            "POST /threads/{thread}/posts": ("/threads/\(ids.topic)/posts", ["body": "x"], 303, 404),
            "POST /threads/{thread}/watch": ("/threads/\(ids.topic)/watch", ["watching": "true"], 303, 404),
        ]
    }

    @Test func nobodyOutsideCohortAWritesAnythingOfIts() async throws {
        let (world, ids) = try await Self.world()
        let writes = Self.writes(ids)
        let (router, routeTable) = try await buildRouter(settings: world.world.settings, database: world.world.database)
        let postRoutes = Set(routeTable.routes.filter { $0.method == .post }.map { "POST \($0.path)" })
        #expect(postRoutes.subtracting(writes.keys).isEmpty, "routes without an entry: \(postRoutes.subtracting(writes.keys).sorted())")
        let refused = try await world.world.test { (client) async throws -> Int in
            var refused = 0
            for (route, entry) in writes.sorted(by: { $0.key < $1.key }) {
                var anonymous = WebSession(client)
                let signedOut = try await anonymous.post(entry.path, entry.form)
                #expect(signedOut.status.code == entry.anonymous, "\(route) signed out")
                var outsider = WebSession(client)
                try await outsider.signIn("pb@school.org")
                let response = try await outsider.post(entry.path, entry.form)
                #expect(response.status.code == entry.outsider, "\(route) as a participant of cohort B")
                refused += [signedOut.status.code == entry.anonymous, response.status.code == entry.outsider].filter { $0 }.count
            }
            return refused
        }
        print("authz: \(writes.count * 2) write route checks signed out and from cohort B, \(writes.count * 2 - refused) unexpected")
        // Cohort A's things are as they were.
        let database = world.world.database
        let thread = try await database.thread(id: ids.topic, viewer: world.admin)
        #expect(!thread.topic.pinned && !thread.topic.locked && thread.posts.count == 2 && thread.posts[1].post.hiddenAt == nil)
        #expect(try await database.flagQueue(viewer: world.admin).count == 1)
        #expect(try await database.feedbackFlagQueue(viewer: world.admin).count == 1)
    }
}
