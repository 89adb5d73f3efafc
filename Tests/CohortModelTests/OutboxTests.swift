import Foundation
import GRDB
import Testing
@testable import CohortModel

extension AppDatabase {
    func outbox() throws -> [OutboxMessage] {
        try writer.read { db in try OutboxMessage.order(Column("id")).fetchAll(db) }
    }
}

@Suite struct OutboxTests {
    @Test func anInvitationQueuesItsMailInItsOwnTransactionAndARefusedOneQueuesNothing() async throws {
        let database = try makeDatabase()
        let admin = try await database.makeUser("root@school.org", role: .admin, name: "Root Admin")
        let (token, _) = try await database.invite(email: "new@school.org", role: .educator, by: admin.id!, now: referenceNow)
        let mail = try #require(try database.outbox().first)
        #expect(mail.toAddress == "new@school.org")
        #expect(mail.kind == .invitation)
        #expect(mail.state == .queued)
        #expect(mail.content.action?.path == "/invitations/\(token)")
        #expect(mail.content.paragraphs[0].contains("Root Admin invited you"))
        #expect(mail.content.paragraphs[0].contains("as an educator"))

        // Given an address that has an account, the invitation is refused and rolled back.
        await #expect(throws: AccountError.emailTaken) {
            try await database.invite(email: "root@school.org", role: .educator, by: admin.id!)
        }
        #expect(try database.outbox().count == 1)
    }

    @Test func temporaryFailuresAreRetriedWithBackoffUntilGivenUpAndPermanentOnesAreNot() async throws {
        let database = try makeDatabase()
        let admin = try await database.makeUser("root@school.org", role: .admin)
        _ = try await database.invite(email: "a@school.org", role: .educator, by: admin.id!, now: referenceNow)
        _ = try await database.invite(email: "b@school.org", role: .educator, by: admin.id!, now: referenceNow)
        let (a, b) = try { let all = try database.outbox(); return (all[0].id!, all[1].id!) }()
        #expect(try await database.dueMail(now: referenceNow).count == 2)

        try await database.markMailFailed(id: a, reason: "451 4.3.0 try later", permanent: false, now: referenceNow)
        #expect(try await database.dueMail(now: referenceNow.addingTimeInterval(59)).map(\.id) == [b])
        #expect(try await database.dueMail(now: referenceNow.addingTimeInterval(60)).map(\.id).contains(a))

        try await database.markMailFailed(id: b, reason: "550 5.1.1 no such user", permanent: true, now: referenceNow)
        var failed = try database.outbox()[1]
        #expect(failed.state == .failed)
        #expect(failed.lastError == "550 5.1.1 no such user")

        var now = referenceNow
        for _ in 1...MailRetry.delays.count { try await database.markMailFailed(id: a, reason: "421 busy", permanent: false, now: now); now += 1 }
        failed = try database.outbox()[0]
        #expect(failed.state == .failed)
        #expect(failed.attempts == MailRetry.delays.count + 1)
        #expect(failed.lastError?.hasPrefix("Gave up after") == true)
    }

    @Test func aSentMailForgetsItsSecretLinkButKeepsItsMessageID() async throws {
        let database = try makeDatabase()
        let admin = try await database.makeUser("root@school.org", role: .admin)
        _ = try await database.invite(email: "a@school.org", role: .educator, by: admin.id!, now: referenceNow)
        let queued = try database.outbox()[0]
        try await database.markMailSent(id: queued.id!, forgetSecret: true, now: referenceNow)
        let sent = try database.outbox()[0]
        #expect(sent.state == .sent)
        #expect(sent.messageId == queued.messageId)
        #expect(sent.content.action?.path == "")
        #expect(try await database.dueMail(now: referenceNow.addingTimeInterval(3_600)).isEmpty)
    }
}
