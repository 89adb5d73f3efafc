import CohortModel
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

@Suite struct SignInTests {
    @Test func signedOutVisitorsAreSentToSignIn() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            #expect(try await browser.get("/").location == "/login")
            let account = try await browser.get("/account")
            #expect(account.status == .seeOther)
            #expect(account.location == "/login?next=/account")
        }
    }

    @Test func theRightPasswordStartsASessionWithAStrictCookie() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            let response = try await browser.post("/login", ["email": "ED@school.org", "password": demoPassword])
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("cohort_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let dashboard = try await browser.get("/")
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("Welcome, Eda"))
            #expect(dashboard.text.contains("Eda Educator"))
        }
    }

    @Test func aWrongPasswordOrUnknownEmailGetsTheSameClearRefusal() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            for (email, password) in [("ed@school.org", "wrong password!"), ("nobody@school.org", demoPassword)] {
                let response = try await browser.post("/login", ["email": email, "password": password])
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("do not match an account"))
                #expect(browser.cookies["cohort_session"] == nil)
            }
        }
    }

    @Test func repeatedFailuresAreRateLimitedWithAClearMessage() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            for _ in 0..<5 {
                let response = try await browser.post("/login", ["email": "ed@school.org", "password": "guess guess guess"])
                #expect(response.status == .unauthorized)
            }
            // Even the right password waits now.
            let refused = try await browser.post("/login", ["email": "ed@school.org", "password": demoPassword])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Too many failed sign-ins for this account"))
            #expect(refused.headers[.retryAfter] != nil)
        }
    }

    @Test func signingOutEndsTheSessionForGood() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("ed@school.org")
            let stolen = browser.cookies
            let response = try await browser.post("/logout")
            #expect(response.status == .seeOther)
            #expect(response.location == "/login")
            #expect(browser.cookies["cohort_session"] == nil)
            var thief = WebSession(client)
            thief.cookies = stolen
            #expect(try await thief.get("/").location == "/login")
        }
    }

    @Test func signInFollowsOnlyLocalNextLinks() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            let local = try await browser.post("/login", ["email": "ed@school.org", "password": demoPassword, "next": "/account"])
            #expect(local.location == "/account")
            for target in ["https://evil.example/", "//evil.example/", "/\\evil.example"] {
                var other = WebSession(client)
                let response = try await other.post("/login", ["email": "ed@school.org", "password": demoPassword, "next": target])
                #expect(response.location == "/", "next=\(target): \(response.status)")
            }
        }
    }

    @Test func aTokenPlantedBeforeSignInIsNotHonouredAfterIt() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            browser.cookies["cohort_session"] = "planted-by-an-attacker"
            try await browser.signIn("ed@school.org")
            #expect(browser.cookies["cohort_session"] != "planted-by-an-attacker")
            var attacker = WebSession(client)
            attacker.cookies["cohort_session"] = "planted-by-an-attacker"
            #expect(try await attacker.get("/").location == "/login")
        }
    }
}
