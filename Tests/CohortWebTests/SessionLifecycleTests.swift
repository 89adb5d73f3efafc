import CohortModel
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import CohortWeb

/// Sessions over HTTP: they end when idle too long and at their absolute lifetime, however
/// busy; a token someone else planted is never upgraded; the cookie is out of scripts' reach.
@Suite struct SessionLifecycleTests {
    /// Moves every session of `email` back in time, as if it had been made `days` ago.
    static func age(_ database: AppDatabase, _ email: String, lastSeenDaysAgo: Double, createdDaysAgo: Double) async throws {
        try await database.writer.write { db in
            let now = Date()
            try db.execute(sql: """
                UPDATE loginSession SET lastSeenAt = ?, createdAt = ?, expiresAt = ?
                WHERE userId = (SELECT id FROM user WHERE email = ?)
                """, arguments: [now.addingTimeInterval(-lastSeenDaysAgo * 86_400), now.addingTimeInterval(-createdDaysAgo * 86_400),
                                 now.addingTimeInterval((30 - createdDaysAgo) * 86_400), email])
        }
    }

    @Test func aSessionIdleForMoreThanSevenDaysIsSignedOut() async throws {
        let world = try await TestWorld()
        try await world.test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("ed@school.org")
            try await Self.age(world.database, "ed@school.org", lastSeenDaysAgo: 6.9, createdDaysAgo: 10)
            #expect(try await browser.get("/").status == .ok)  // six days idle is fine, and counts as activity
            try await Self.age(world.database, "ed@school.org", lastSeenDaysAgo: 7.1, createdDaysAgo: 10)
            #expect(try await browser.get("/").location?.hasPrefix("/login") == true)
        }
    }

    @Test func aBusySessionStillEndsThirtyDaysAfterSignIn() async throws {
        let world = try await TestWorld()
        try await world.test { (client) async throws in
            var browser = WebSession(client)
            try await browser.signIn("ed@school.org")
            try await Self.age(world.database, "ed@school.org", lastSeenDaysAgo: 0, createdDaysAgo: 29.9)
            #expect(try await browser.get("/").status == .ok)
            try await Self.age(world.database, "ed@school.org", lastSeenDaysAgo: 0, createdDaysAgo: 30.1)
            #expect(try await browser.get("/").location?.hasPrefix("/login") == true)
        }
    }

    @Test func aValidTokenPlantedByAnotherPersonIsReplacedAtSignIn() async throws {
        try await TestWorld().test { (client) async throws in
            var attacker = WebSession(client)
            try await attacker.signIn("fa@school.org")
            let planted = try #require(attacker.cookies[CookieFactory.sessionName])
            var victim = WebSession(client)
            victim.cookies[CookieFactory.sessionName] = planted
            try await victim.get("/")  // the victim's browser shows the attacker's pages, with their form token
            try await victim.signIn("ed@school.org")
            #expect(victim.cookies[CookieFactory.sessionName] != planted)
            // The planted token still belongs to its owner and was not upgraded to the victim.
            let attackersView = try await attacker.get("/account")
            #expect(attackersView.text.contains("Fay Facilitator") && !attackersView.text.contains("Eda Educator"))
        }
    }

    @Test func theSessionCookieIsHttpOnlyLaxAndSiteWide() async throws {
        try await TestWorld().test { (client) async throws in
            var browser = WebSession(client)
            let response = try await browser.post("/login", ["email": "ed@school.org", "password": demoPassword])
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix(CookieFactory.sessionName + "=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Domain="))
        }
    }
}
