import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct CSRFTests {
    @Test func aFormWithoutTheTokenIsRefused() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            let missing = try await browser.send(
                "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "email=ed%40school.org&password=correct+horse+battery"))
            #expect(missing.status == .forbidden)
            #expect(missing.text.contains("This form has expired"))
            let wrong = try await browser.post("/login", ["email": "ed@school.org", "password": demoPassword, "_csrf": "guess"])
            #expect(wrong.status == .forbidden)
        }
    }

    @Test func anotherSessionsTokenIsRefused() async throws {
        try await TestWorld().test { (client) async throws in
            var victim = WebSession(client)
            try await victim.signIn("ed@school.org")
            var attacker = WebSession(client)
            try await attacker.signIn("fa@school.org")
            let forged = try await victim.post("/account/name", ["name": "Hacked", "_csrf": attacker.csrfToken!])
            #expect(forged.status == .forbidden)
            let own = try await victim.post("/account/name", ["name": "Eda E."])
            #expect(own.status == .seeOther)
        }
    }

    @Test func aCrossSiteOriginIsRefusedEvenWithTheRightToken() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("ed@school.org")
            let response = try await browser.post("/account/name", ["name": "Hacked"],
                                                  headers: [.origin: "https://evil.example"])
            #expect(response.status == .forbidden)
        }
    }

    @Test func sameOriginIsRecognisedByHost() {
        #expect(CSRFMiddleware.isSameOrigin("https://127.0.0.1:8443", authority: "127.0.0.1:8443"))
        #expect(CSRFMiddleware.isSameOrigin("https://Cohort.School.org", authority: "cohort.school.org"))
        #expect(!CSRFMiddleware.isSameOrigin("https://127.0.0.1:9999", authority: "127.0.0.1:8443"))
        #expect(!CSRFMiddleware.isSameOrigin("null", authority: "127.0.0.1:8443"))
        #expect(!CSRFMiddleware.isSameOrigin("https://cohort.school.org.evil.example", authority: "cohort.school.org"))
    }
}
