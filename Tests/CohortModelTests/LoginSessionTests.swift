import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct LoginSessionTests {
    let policy = SessionPolicy(idleTimeout: 3600, absoluteLifetime: 86_400, touchInterval: 60)

    @Test func aSessionIsFoundByItsTokenWhichIsStoredOnlyAsAHash() async throws {
        let database = try makeDatabase()
        let user = try await database.makeUser("ada@school.org")
        let (token, session) = try await database.startLoginSession(userId: user.id!, policy: policy, now: referenceNow)
        #expect(token.count == 43)
        #expect(session.tokenHash == SecureToken.hash(token))
        let stored = try await database.reader.read { db in try Data.fetchAll(db, sql: "SELECT tokenHash FROM loginSession") }
        #expect(stored == [SecureToken.hash(token)])
        let found = try await database.signedIn(token: token, policy: policy, now: referenceNow)
        #expect(found?.viewer.user.email == "ada@school.org")
        #expect(try await database.signedIn(token: "forged", policy: policy, now: referenceNow) == nil)
    }

    @Test func idleSessionsExpireAndActivityKeepsThemAlive() async throws {
        let database = try makeDatabase()
        let user = try await database.makeUser("ada@school.org")
        let (token, _) = try await database.startLoginSession(userId: user.id!, policy: policy, now: referenceNow)
        // Active every 50 minutes: still signed in after 2.5 hours.
        for step in 1...3 {
            let now = referenceNow.addingTimeInterval(Double(step) * 3000)
            #expect(try await database.signedIn(token: token, policy: policy, now: now) != nil)
        }
        // Then idle for more than an hour.
        let later = referenceNow.addingTimeInterval(3 * 3000 + 3601)
        #expect(try await database.signedIn(token: token, policy: policy, now: later) == nil)
    }

    @Test func sessionsEndAtTheirAbsoluteLifetimeWhateverTheActivity() async throws {
        let database = try makeDatabase()
        let user = try await database.makeUser("ada@school.org")
        let (token, _) = try await database.startLoginSession(userId: user.id!, policy: policy, now: referenceNow)
        var now = referenceNow
        while now < referenceNow.addingTimeInterval(86_400 - 1800) {
            now = now.addingTimeInterval(1800)
            #expect(try await database.signedIn(token: token, policy: policy, now: now) != nil)
        }
        #expect(try await database.signedIn(token: token, policy: policy, now: referenceNow.addingTimeInterval(86_400)) == nil)
    }

    /// Sign-ins are remembered between writes (SignedInCache); the clock and every write still count.
    @Test func aRememberedSignInStillExpiresAndFollowsWrites() async throws {
        let database = try makeDatabase()
        let user = try await database.makeUser("ada@school.org")
        let (token, session) = try await database.startLoginSession(userId: user.id!, policy: policy, now: referenceNow)
        let soon = referenceNow.addingTimeInterval(30)
        #expect(try await database.signedIn(token: token, policy: policy, now: soon)?.viewer.user.name == user.name)
        #expect(database.signedInCache.signedIn(tokenHash: SecureToken.hash(token), changes: database.changes) != nil)
        let expiring = SessionPolicy(idleTimeout: 20, absoluteLifetime: 86_400, touchInterval: 60)
        #expect(try await database.signedIn(token: token, policy: expiring, now: soon) == nil)  // idle for 30 s > 20 s
        try await database.writer.write { try $0.execute(sql: "UPDATE user SET name = 'Ada L.' WHERE id = ?", arguments: [user.id]) }
        let reread = try await database.signedIn(token: token, policy: policy, now: soon)
        #expect(reread?.viewer.user.name == "Ada L.")
        #expect(reread?.generation == database.changes.generation(for: user.id!))  // what pages showing it are stamped with
        try await database.endLoginSession(id: session.id!, now: soon)
        #expect(try await database.signedIn(token: token, policy: policy, now: soon) == nil)
    }

    @Test func endingASessionSignsOut() async throws {
        let database = try makeDatabase()
        let user = try await database.makeUser("ada@school.org")
        let (token, session) = try await database.startLoginSession(userId: user.id!, policy: policy)
        try await database.endLoginSession(id: session.id!)
        #expect(try await database.signedIn(token: token, policy: policy) == nil)
        #expect(try database.auditActions().suffix(2) == ["session.start", "session.end"])
    }

    @Test func signInCarriesTheViewersCohortRoles() async throws {
        let database = try makeDatabase()
        let user = try await database.makeUser("ada@school.org")
        let program = try await database.builtInProgram()
        let cohort = try await database.createCohort(
            name: "Autumn", programId: program.id!, startsOn: CalendarDay("2026-08-17")!, meetingHour: 17,
            timeZone: TimeZone(identifier: "Europe/Paris")!, by: nil)
        try await database.enrol(userId: user.id!, in: cohort.id!, as: .facilitator, by: nil)
        let (token, _) = try await database.startLoginSession(userId: user.id!, policy: policy)
        let viewer = try #require(try await database.signedIn(token: token, policy: policy)?.viewer)
        #expect(viewer.cohortRoles == [cohort.id!: .facilitator])
    }
}
