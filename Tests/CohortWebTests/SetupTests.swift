import CohortModel
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct SetupTests {
    @Test func theSetupLinkCreatesTheFirstAdminOnce() async throws {
        try await TestWorld(setupToken: "secret-setup-token", withPeople: false).test { (client) async throws in
            var browser = WebSession(client)
            #expect(try await browser.get("/login").text.contains("no admin yet"))
            #expect(try await browser.get("/setup").status == .notFound)
            #expect(try await browser.get("/setup?token=guess").status == .notFound)
            #expect(try await browser.get("/setup?token=secret-setup-token").status == .ok)

            let short = try await browser.post("/setup?token=secret-setup-token", [
                "name": "Root", "email": "root@school.org", "password": "short", "passwordConfirmation": "short",
            ])
            #expect(short.status == .unprocessableContent)
            #expect(short.text.contains("at least 12 characters"))
            #expect(short.text.contains(#"value="root@school.org""#))

            let created = try await browser.post("/setup?token=secret-setup-token", [
                "name": "Root", "email": "root@school.org", "password": demoPassword,
                "passwordConfirmation": demoPassword,
            ])
            #expect(created.status == .seeOther)
            #expect(created.location == "/admin/people")
            #expect(try await browser.get("/admin/people").status == .ok)

            var latecomer = WebSession(client)
            #expect(try await latecomer.get("/setup?token=secret-setup-token").status == .notFound)
        }
    }

    @Test func withoutAPrintedTokenThereIsNoSetupPage() async throws {
        try await TestWorld(setupToken: nil, withPeople: false).test { (client) async throws in
            var browser = WebSession(client)
            #expect(try await browser.get("/setup?token=").status == .notFound)
        }
    }
}
