import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct AccountLifeTests {
    func resetToken(_ database: AppDatabase, for email: String) throws -> String? {
        try database.outbox().last { $0.toAddress == email && $0.kind == .passwordReset }?.content.action?.path
            .split(separator: "/").last.map(String.init)
    }

    @Test func aResetLinkWorksOnceForAnHourAndEndsEverySession() async throws {
        let database = try makeDatabase()
        let user = try await database.makeUser("ada@school.org")
        _ = try await database.startLoginSession(userId: user.id!, policy: SessionPolicy(), now: referenceNow)
        try await database.requestPasswordReset(email: " Ada@School.org ", now: referenceNow)
        let token = try #require(try resetToken(database, for: "ada@school.org"))
        #expect(try await database.openPasswordReset(token: token, now: referenceNow.addingTimeInterval(3_599)).id == user.id)
        await #expect(throws: MailError.linkExpired) {
            try await database.openPasswordReset(token: token, now: referenceNow.addingTimeInterval(3_600))
        }

        let newHash = Password.hash("a brand new passphrase", cost: 4)
        _ = try await database.resetPassword(token: token, newHash: newHash, now: referenceNow.addingTimeInterval(60))
        #expect(try await database.user(id: user.id!)?.passwordHash == newHash)
        let sessions = try await database.reader.read { db in try LoginSession.fetchCount(db) }
        #expect(sessions == 0)
        await #expect(throws: MailError.linkUsed) {
            try await database.resetPassword(token: token, newHash: newHash, now: referenceNow.addingTimeInterval(61))
        }
        // The link itself is stored only as a hash.
        let stored = try await database.reader.read { db in try Data.fetchAll(db, sql: "SELECT tokenHash FROM passwordReset") }
        #expect(stored == [SecureToken.hash(token)])
    }

    @Test func anUnknownAddressGetsNoMailAndTheSameAnswer() async throws {
        let database = try makeDatabase()
        try await database.requestPasswordReset(email: "nobody@school.org", now: referenceNow)
        #expect(try database.outbox().isEmpty)
        #expect(try database.auditActions() == ["password-reset.unknown"])
        await #expect(throws: AccountError.invalidEmail) { try await database.requestPasswordReset(email: "not an address") }
    }

    @Test func aClosedAccountIsSignedOutCannotResetAndKeepsItsPosts() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask(by: world.ada)
        let (token, _) = try await world.database.startLoginSession(userId: world.ada.id, policy: SessionPolicy())
        #expect(try await world.database.signedIn(token: token, policy: SessionPolicy()) != nil)

        await #expect(throws: AccountError.notAllowed) { try await world.database.deactivate(userId: world.ada.id, viewer: world.ben) }
        try await world.database.deactivate(userId: world.ada.id, viewer: world.admin)
        #expect(try await world.database.signedIn(token: token, policy: SessionPolicy()) == nil)
        try await world.database.requestPasswordReset(email: "ada@school.org")
        #expect(try world.database.outbox().filter { $0.kind == .passwordReset }.isEmpty)
        #expect(try await world.database.thread(id: topic.id!, viewer: world.ben).posts.count == 1)

        try await world.database.reactivate(userId: world.ada.id, viewer: world.admin)
        #expect(try await world.database.user(id: world.ada.id)?.isActive == true)
        await #expect(throws: AccountError.lastAdmin) { try await world.database.deactivate(userId: world.admin.id, viewer: world.admin) }
        let actions = try world.database.auditActions()
        #expect(actions.contains("user.deactivate") && actions.contains("user.reactivate"))
    }

    @Test func removingAMemberClosesTheCohortToThemAndKeepsWhatTheyWrote() async throws {
        let world = try await BoardWorld()
        let topic = try await world.ask(by: world.ada)
        try await world.database.removeMember(userId: world.ada.id, cohortId: world.cohortA.id!, viewer: world.admin)
        let ada = try await world.database.viewer(userId: world.ada.id)
        #expect(ada.cohortRoles[world.cohortA.id!] == nil)
        await #expect(throws: (any Error).self) { try await world.database.thread(id: topic.id!, viewer: ada) }
        #expect(try await world.database.thread(id: topic.id!, viewer: world.ben).posts.first?.authorName == "Ada Lovelace")
    }

    @Test func anAddressChangeNeedsTheLinkSentToTheNewAddress() async throws {
        let world = try await BoardWorld()
        _ = try await world.database.requestEmailChange(to: "ada@new.org", viewer: world.ada, now: referenceNow)
        let mails = try world.database.outbox()
        #expect(mails.map(\.toAddress) == ["ada@new.org", "ada@school.org"])
        #expect(try await world.database.user(id: world.ada.id)?.email == "ada@school.org")
        let token = String(try #require(mails[0].content.action?.path.split(separator: "/").last))
        #expect(try await world.database.confirmEmailChange(token: token, now: referenceNow).email == "ada@new.org")
        await #expect(throws: MailError.linkUsed) { try await world.database.confirmEmailChange(token: token) }
        await #expect(throws: AccountError.emailTaken) { try await world.database.requestEmailChange(to: "cleo@school.org", viewer: world.ben) }
    }
}
