import CohortModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Every state-changing route, sent by someone allowed to use it: a missing token, a wrong
/// one, another session's and a cross-site Origin are each refused and change nothing; the
/// same request with the right token then gets its normal answer.
@Suite struct CSRFMatrixTests {
    /// Who may use each route, and the status their genuine request gets. Routes that
    /// remove or move what later routes use come last.
    static let allowed: [(route: String, email: String, status: Int)] = [
        ("POST /account/feed-token", "pa@school.org", 303),
        ("POST /account/email", "pa@school.org", 303),
        ("POST /account/email/{token}", "", 404),
        ("POST /account/mail", "pa@school.org", 303),
        ("POST /admin/mail/{message}/retry", "admin@school.org", 303),
        ("POST /admin/people/{person}/role", "admin@school.org", 303),
        ("POST /admin/people/{person}/password-reset", "admin@school.org", 303),
        ("POST /password-reset", "", 200),
        ("POST /password-reset/{token}", "", 404),
        ("POST /mail/unsubscribe/{token}/{topics}", "", 404),
        ("POST /account/name", "pa@school.org", 303),
        ("POST /account/password", "pa@school.org", 303),
        ("POST /account/time-zone", "pa@school.org", 303),
        ("POST /admin/boards", "admin@school.org", 303),
        ("POST /admin/certificates/revoke", "admin@school.org", 404),  // no certificate has the code
        ("POST /admin/cohorts", "admin@school.org", 303),
        ("POST /admin/extensions", "admin@school.org", 303),
        ("POST /admin/invitations", "admin@school.org", 303),
        ("POST /admin/invitations/{invitation}/revoke", "admin@school.org", 303),
        ("POST /admin/reviews/{submission}/reassign", "admin@school.org", 303),
        ("POST /artifacts/{artifact}/feedback", "fa@school.org", 303),
        ("POST /artifacts/{artifact}/requests", "pa@school.org", 422),  // nobody else to ask
        ("POST /artifacts/{artifact}/versions", "pa@school.org", 303),
        ("POST /boards/{board}/rename", "fa@school.org", 303),
        ("POST /boards/{board}/threads", "pa@school.org", 303),
        ("POST /boards/{board}/watch", "pa@school.org", 303),
        ("POST /cohorts/{cohort}/artifacts", "pa@school.org", 303),
        ("POST /cohorts/{cohort}/boards", "fa@school.org", 303),
        ("POST /cohorts/{cohort}/members", "admin@school.org", 200),  // the import report
        ("POST /cohorts/{cohort}/portfolio", "pa@school.org", 409),  // submitted already
        ("POST /cohorts/{cohort}/progress", "fa@school.org", 303),
        ("POST /cohorts/{cohort}/roster/import", "admin@school.org", 200),
        ("POST /cohorts/{cohort}/schedule/sessions/{position}", "fa@school.org", 303),
        ("POST /cohorts/{cohort}/schedule/training-end", "fa@school.org", 303),
        ("POST /feedback-flags/{feedbackFlag}/dismiss", "fa@school.org", 303),
        ("POST /feedback/{feedback}/addressed", "pa@school.org", 303),
        ("POST /feedback/{feedback}/flag", "pa@school.org", 409),  // flagged already
        ("POST /flags/{flag}/dismiss", "fa@school.org", 303),
        ("POST /invitations/{token}", "", 404),
        ("POST /login", "", 401),
        ("POST /notifications/read", "pa@school.org", 303),
        ("POST /posts/{post}/edit", "fa@school.org", 303),
        ("POST /posts/{post}/flag", "pa@school.org", 409),
        ("POST /posts/{post}/helpful", "pa@school.org", 303),
        ("POST /reviews/claim", "ev2@school.org", 303),
        ("POST /reviews/{submission}", "ev2@school.org", 303),  // reassigned to Evan above
        ("POST /setup", "", 404),
        ("POST /threads/{thread}/accept", "pa@school.org", 303),
        ("POST /threads/{thread}/posts", "pa@school.org", 303),
        ("POST /threads/{thread}/lock", "fa@school.org", 303),
        ("POST /threads/{thread}/pin", "fa@school.org", 303),
        ("POST /threads/{thread}/watch", "pa@school.org", 303),
        ("POST /cohorts/{cohort}/portfolio/submit", "pa@school.org", 303),  // submitted already: back to it
        ("POST /drafts", "pa@school.org", 204),
        ("POST /preview", "pa@school.org", 200),
        ("POST /admin/reviews/{submission}/release", "admin@school.org", 303),
        ("POST /feedback/{feedback}/hide", "fa@school.org", 303),
        ("POST /feedback/{feedback}/unhide", "fa@school.org", 303),
        ("POST /posts/{post}/hide", "admin@school.org", 303),  // the post is Fay's own, which she deletes rather than hides
        ("POST /posts/{post}/unhide", "admin@school.org", 303),
        ("POST /posts/{post}/delete", "fa@school.org", 303),
        ("POST /threads/{thread}/move", "fa@school.org", 303),
        ("POST /boards/{board}/archive", "fa@school.org", 303),
        ("POST /admin/people/{person}/cohorts/{cohort}/remove", "admin@school.org", 303),
        ("POST /admin/people/{person}/deactivate", "admin@school.org", 303),
        ("POST /admin/people/{person}/reactivate", "admin@school.org", 303),
        ("POST /cohorts/{cohort}/portfolio/withdraw", "pa@school.org", 303),
        ("POST /artifacts/{artifact}/edit", "pa@school.org", 303),
        ("POST /artifacts/{artifact}/delete", "pa@school.org", 303),  // refused: the portfolio links it
        ("POST /logout", "pa@school.org", 303),
    ]

    /// Routes authorised by a secret in their own path, which mail programs post to
    /// with no session (RFC 8058): a missing or wrong form token gets the route's own

    /// Multipart routes carry the token in a header; their fields and file.
    static let uploads: [String: (fields: [(String, String)], file: (field: String, name: String, bytes: [UInt8]))] = [
        "POST /artifacts/{artifact}/versions": ([("note", "Second draft")], ("file", "plan.pdf", ArtifactPagesTests.pdf)),
        "POST /cohorts/{cohort}/artifacts": ([("title", "Unit plan"), ("indicator[]", "1")], ("file", "plan.pdf", ArtifactPagesTests.pdf)),
        "POST /cohorts/{cohort}/roster/import": ([], ("file", "roster.csv", Array("email,name,role\nq@school.org,Quinn,participant\n".utf8))),
    ]

    /// Fields that make the genuine request succeed where the authorization table's form is only a probe.
    static func genuineFields(_ world: PortfolioWebWorld, _ ids: AuthorizationMatrixTests.Ids) async throws -> [String: [String: String]] {
        let database = world.world.database
        let evan = try await database.reader.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM user WHERE email = 'ev2@school.org'") }
        let fay = try await database.viewer(userId: try #require(await database.reader.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM user WHERE email = 'fa@school.org'") }))
        let otherBoard = try await database.addBoard(title: "Second board", cohortId: ids.cohort, viewer: fay)
        return [
            "POST /account/password": ["currentPassword": demoPassword, "newPassword": demoPassword, "passwordConfirmation": demoPassword],
            "POST /account/email": ["newEmail": "pa.new@school.org", "currentPassword": demoPassword],
            "POST /admin/people/{person}/role": ["role": "educator"],
            "POST /admin/reviews/{submission}/reassign": ["evaluatorId": "\(try #require(evan))"],
            "POST /cohorts/{cohort}/schedule/training-end": ["day": "2035-01-01"],
            "POST /threads/{thread}/move": ["boardId": "\(otherBoard.id!)"],
        ]
    }

    enum Forgery: CaseIterable { case missing, wrong, otherSession, crossSiteOrigin }

    @Test func everyWriteRouteRefusesForgedRequestsAndAcceptsTheGenuineOne() async throws {
        let (world, ids) = try await AuthorizationMatrixTests.world()
        let writes = AuthorizationMatrixTests.writes(ids)
        let (router, routeTable) = try await buildRouter(settings: world.world.settings, database: world.world.database)
        #expect(routeTable.routes.count == router.routes.count)
        let postRoutes = Set(routeTable.routes.filter { $0.method != .get && $0.method != .head }.map { "\($0.method) \($0.path)" })
        let ownSecret = Set(routeTable.routes.filter { $0.csrf == .ownSecret }.map { "\($0.method) \($0.path)" })
        #expect(postRoutes == Set(Self.allowed.map(\.route)), "routes without an entry: \(postRoutes.subtracting(Self.allowed.map(\.route)).sorted())")
        let database = world.world.database
        let genuineFields = try await Self.genuineFields(world, ids)
        let accepted = try await world.world.test { (client) async throws -> Int in
            var stranger = WebSession(client)
            try await stranger.signIn("pb@school.org")
            let otherToken = stranger.csrfToken!
            var accepted = 0
            for (route, email, status) in Self.allowed {
                let entry = try #require(writes[route])
                var session = WebSession(client)
                if email.isEmpty { try await session.get("/login") } else { try await session.signIn(email) }
                let before = try await DatabaseFingerprint(database)
                for forgery in Forgery.allCases {
                    let response = try await Self.send(forgery, to: entry.path, form: entry.form,
                                                       upload: Self.uploads[route], otherToken: otherToken, as: &session)
                    if ownSecret.contains(route) && forgery != .crossSiteOrigin {
                        #expect(response.status.code == status, "\(route) without our form token: \(response.status)")
                        continue
                    }
                    if response.status != .forbidden || !response.text.contains("This form has expired") { accepted += 1 }
                    #expect(response.status == .forbidden, "\(route) accepted a request with a \(forgery) token")
                    #expect(response.headers[values: .setCookie].allSatisfy { !$0.hasPrefix(CookieFactory.sessionName + "=") })
                }
                let after = try await DatabaseFingerprint(database)
                #expect(after.changedTables(since: before).isEmpty, "\(route): forged requests changed \(after.changedTables(since: before))")
                let genuine: TestResponse
                if let upload = Self.uploads[route] {
                    let (type, body) = multipartForm(fields: upload.fields, file: upload.file)
                    genuine = try await session.send(entry.path, method: .post,
                                                     headers: [.contentType: type, CSRFMiddleware.headerName: session.csrfToken!], body: body)
                } else {
                    genuine = try await session.post(entry.path, entry.form.merging(genuineFields[route] ?? [:]) { $1 })
                }
                #expect(genuine.status.code == status, "\(route) as \(email): \(genuine.status) \(genuine.text.components(separatedBy: "<main").last!.prefix(700))")
            }
            return accepted
        }
        print("csrf: \(Self.allowed.count) write routes x \(Forgery.allCases.count) forgeries, \(accepted) accepted")
    }

    static func send(_ forgery: Forgery, to path: String, form: [String: String],
                     upload: (fields: [(String, String)], file: (field: String, name: String, bytes: [UInt8]))?, otherToken: String,
                     as session: inout WebSession) async throws -> TestResponse {
        let token: String? = switch forgery {
        case .missing: nil
        case .wrong: String(repeating: "A", count: 43)
        case .otherSession: otherToken
        case .crossSiteOrigin: session.csrfToken
        }
        let headers: HTTPFields = forgery == .crossSiteOrigin ? [.origin: "https://evil.example"] : [:]
        if let upload {
            let (type, body) = multipartForm(fields: upload.fields, file: upload.file)
            var uploadHeaders = headers
            uploadHeaders[.contentType] = type
            if let token { uploadHeaders[CSRFMiddleware.headerName] = token }
            return try await session.send(path, method: .post, headers: uploadHeaders, body: body)
        }
        let pairs = form.map { ($0.key, $0.value) }
        if let token { return try await session.post(path, pairs: pairs + [("_csrf", token)], headers: headers) }
        let body = pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return try await session.send(path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                      body: ByteBuffer(string: body))
    }
}
