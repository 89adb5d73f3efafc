import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct AuthorizationTests {
    @Test func educatorsAndFacilitatorsGetForbiddenOnAdminPages() async throws {
        try await TestWorld().test { (client) async throws in
            for email in ["ed@school.org", "fa@school.org"] {
                var browser = WebSession(client)
                try await browser.signIn(email)
                #expect(try await browser.get("/admin").status == .forbidden)
                #expect(try await browser.get("/admin/people").status == .forbidden)
                let invite = try await browser.post("/admin/invitations", ["email": "x@school.org", "role": "admin"])
                #expect(invite.status == .forbidden)
                #expect(invite.text.contains("for admins only"))
            }
        }
    }

    @Test func signedOutVisitorsCannotReachAdminPages() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            #expect(try await browser.get("/admin/people").location == "/login?next=/admin/people")
            let invite = try await browser.post("/admin/invitations", ["email": "x@school.org", "role": "admin"])
            #expect(invite.status == .seeOther)
            #expect(invite.location == "/login")
        }
    }

    @Test func adminsSeeTheirPagesAndTheAdminNavigation() async throws {
        try await TestWorld().test { (client) async throws in
            var admin = WebSession(client)
            try await admin.signIn("admin@school.org")
            let people = try await admin.get("/admin/people")
            #expect(people.status == .ok)
            #expect(people.text.contains("Eda Educator"))
            #expect(people.text.contains(#"<a href="/admin" aria-current="page">Admin</a>"#))
            var educator = WebSession(client)
            try await educator.signIn("ed@school.org")
            #expect(!(try await educator.get("/").text.contains(#"href="/admin""#)))
        }
    }
}
