import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct AccountTests {
    @Test func emailsAreNormalisedAndUnique() async throws {
        let database = try makeDatabase()
        let user = try await database.makeUser("  Ada@School.ORG ")
        #expect(user.email == "ada@school.org")
        await #expect(throws: AccountError.emailTaken) { try await database.makeUser("ada@school.org") }
        await #expect(throws: AccountError.invalidEmail) { try await database.makeUser("not an email") }
        await #expect(throws: AccountError.invalidEmail) { try await database.makeUser("a@b") }
        await #expect(throws: AccountError.invalidName) { try await database.makeUser("b@school.org", name: "  ") }
    }

    @Test func passwordsNeedTwelveToOneHundredTwentyEightCharacters() throws {
        #expect(throws: AccountError.passwordTooShort(minimum: 12)) { try Password.validate("elevenchars") }
        try Password.validate("twelve chars")
        try Password.validate(String(repeating: "x", count: 128))
        #expect(throws: AccountError.passwordTooLong(maximum: 128)) { try Password.validate(String(repeating: "x", count: 129)) }
    }

    @Test func everyCharacterOfALongPasswordCounts() {
        // Bcrypt alone would ignore everything past 72 bytes.
        let base = String(repeating: "a", count: 80)
        let hash = Password.hash(base + "1", cost: 4)
        #expect(Password.verify(base + "1", against: hash))
        #expect(!Password.verify(base + "2", against: hash))
    }

    @Test func onlyOneFirstAdminCanBeCreated() async throws {
        let database = try makeDatabase()
        #expect(try await database.hasAdmin() == false)
        let admin = try await database.createFirstAdmin(email: "root@school.org", name: "Root", passwordHash: testPasswordHash)
        #expect(admin.role == .admin)
        #expect(try await database.hasAdmin())
        await #expect(throws: AccountError.setupAlreadyDone) {
            try await database.createFirstAdmin(email: "other@school.org", name: "Other", passwordHash: testPasswordHash)
        }
    }

    @Test func changingThePasswordSignsOutOtherSessionsAndIsAudited() async throws {
        let database = try makeDatabase()
        let user = try await database.makeUser("ada@school.org")
        let policy = SessionPolicy()
        let kept = try await database.startLoginSession(userId: user.id!, policy: policy)
        let other = try await database.startLoginSession(userId: user.id!, policy: policy)
        try await database.changePassword(userId: user.id!, newHash: "new", keepingSession: kept.session.id)
        #expect(try await database.signedIn(token: kept.token, policy: policy) != nil)
        #expect(try await database.signedIn(token: other.token, policy: policy) == nil)
        #expect(try database.auditActions().contains("user.password"))
    }
}
