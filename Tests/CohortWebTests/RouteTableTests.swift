import CohortModel
import CohortURLs
import Foundation
import Testing
@testable import CohortWeb

/// The route table is the one list of routes: every route carries a policy, and no path
/// is written anywhere but in `SiteURL`.
@Suite struct RouteTableTests {
    static func table() async throws -> RouteTable {
        try await buildRouter(settings: TestWorld(withPeople: false).settings, database: AppDatabase.inMemory()).routes
    }

    @Test func everyRouteTheRouterServesWasDeclaredWithAPolicy() async throws {
        let world = try await TestWorld(withPeople: false)
        let (router, table) = try await buildRouter(settings: world.settings, database: world.database)
        #expect(table.routesWithoutPolicy.isEmpty)
        #expect(Set(router.routes.map { "\($0.method) \($0.path)" }) == Set(table.routes.map { "\($0.method) \($0.path)" }))
    }

    @Test func policiesAreThoseOfTheirGroups() async throws {
        let routes = Dictionary(uniqueKeysWithValues: try await Self.table().routes.map { ("\($0.method) \($0.path)", $0) })
        #expect(routes["GET /login"]?.policy == .public)
        #expect(routes["GET /cohorts/{cohort}/boards"]?.policy == .member)
        #expect(routes["GET /cohorts/{cohort}/schedule"]?.policy == .facilitator)
        #expect(routes["GET /cohorts/{cohort}/roster"]?.policy == .cohortAdmin)
        #expect(routes["POST /reviews/claim"]?.policy == .evaluator)
        #expect(routes["GET /moderation"]?.policy == .moderator)
        #expect(routes["POST /admin/people/{person}/cohorts/{cohort}/remove"]?.policy == .admin)
        #expect(routes["POST /cohorts/{cohort}/roster/import"]?.body == .multipart)
        #expect(routes["POST /mail/unsubscribe/{token}/{topics}"]?.csrf == .ownSecret)
        #expect(routes["POST /posts/{post}/edit"]?.csrf == .token)
        // A cohort policy reads the route's `:cohort`; a route under a cohort names it so.
        for route in routes.values where [.member, .facilitator, .cohortAdmin].contains(route.policy) {
            #expect(route.url.parameterNames.contains("cohort"), "\(route.path) has a cohort policy but no {cohort}")
        }
    }

    @Test func theJSONListsEveryRouteWithMethodPathPolicyBodyAndCSRF() async throws {
        let table = try await Self.table()
        let decoded = try JSONSerialization.jsonObject(with: Data(try table.json().utf8)) as! [[String: String]]
        #expect(decoded.count == table.routes.count)
        #expect(decoded.allSatisfy { Set($0.keys) == ["method", "path", "policy", "body", "csrf"] })
        #expect(decoded.contains(["method": "POST", "path": "/threads/{thread}/posts", "policy": "signedIn", "body": "form", "csrf": "token"]))
    }

    @Test func linksAreBuiltFromTheRoutePatterns() {
        #expect(SiteURL.dashboard.path == "/")
        #expect(SiteURL.threadReply.path(12) == "/threads/12/posts")
        #expect(SiteURL.membershipRemoval.path(3, 4) == "/admin/people/3/cohorts/4/remove")
        #expect(SiteURL.unsubscribe.path("abc_-", "reply,feedback") == "/mail/unsubscribe/abc_-/reply,feedback")
        #expect(SiteURL.certificate.path("a b/c") == "/certificates/a%20b%2Fc")
        #expect(SiteURL.post(7, inThread: 2) == "/threads/2#post-7")
    }

    /// Paths are written in `Sources/CohortURLs` only: a string literal in any other source
    /// file that starts with a route's first segment (`"/threads/`), or a template link
    /// that starts with `/`, is a path typed by hand, which a renamed route would break.
    @Test func noPathIsTypedOutsideTheRouteDefinitions() async throws {
        let segments = Set(try await Self.table().routes.compactMap { $0.url.pattern.split(separator: "/").first.map(String.init) })
        let root = URL(fileURLWithPath: resourcesDirectory)
        var found: [String] = []
        for file in Self.files(under: root.appendingPathComponent("Sources"), ending: ".swift")
        where !file.path.contains("/Sources/CohortURLs/") {
            for (number, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.contains("irectory + \"/") {  // a folder on disk, not a URL
                for segment in segments where line.contains("\"/\(segment)/") || line.contains("\"/\(segment)\"") || line.contains("\"/\(segment)?")
                    || line.contains("\"/\(segment).") {
                    found.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
                if line.contains("\"/\\(") { found.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))") }
                // A path built onto an address: `\(site)/posts/\(id)`.
                for segment in segments where line.contains(")/\(segment)/\\(") {
                    found.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        for file in Self.files(under: root.appendingPathComponent("templates"), ending: ".mustache") {
            let text = try String(contentsOf: file, encoding: .utf8)
            for attribute in ["href=\"/", "action=\"/", "src=\"/"] where text.contains(attribute) {
                found.append("\(file.lastPathComponent): \(attribute)")
            }
        }
        #expect(found.isEmpty, "paths typed by hand:\n\(found.joined(separator: "\n"))")
    }

    static func files(under folder: URL, ending suffix: String) -> [URL] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { $0.lastPathComponent.hasSuffix(suffix) }
    }
}
