import Foundation
import GRDB
import Testing
@testable import CohortModel

@Suite struct InvitationTests {
    @Test func anInvitationCreatesTheAccountWithItsRoleOnce() async throws {
        let database = try makeDatabase()
        let admin = try await database.makeUser("root@school.org", role: .admin)
        let (token, invitation) = try await database.invite(email: "Eva@School.org", role: .evaluator, by: admin.id!,
                                                            now: referenceNow)
        #expect(invitation.email == "eva@school.org")
        #expect(invitation.expiresAt == referenceNow.addingTimeInterval(14 * 86_400))
        #expect(try await database.openInvitation(token: token, now: referenceNow).id == invitation.id)

        let user = try await database.acceptInvitation(token: token, name: "Eva Lind", passwordHash: testPasswordHash,
                                                       now: referenceNow)
        #expect(user.role == .evaluator)
        #expect(user.email == "eva@school.org")
        await #expect(throws: AccountError.invitationUsed) {
            try await database.acceptInvitation(token: token, name: "Again", passwordHash: testPasswordHash,
                                                now: referenceNow)
        }
        #expect(try await database.pendingInvitations().isEmpty)
        #expect(try database.auditActions().contains("invitation.accept"))
    }

    @Test func invitationsExpireAfterFourteenDays() async throws {
        let database = try makeDatabase()
        let admin = try await database.makeUser("root@school.org", role: .admin)
        let (token, _) = try await database.invite(email: "late@school.org", role: .educator, by: admin.id!,
                                                   now: referenceNow)
        let lastMoment = referenceNow.addingTimeInterval(14 * 86_400 - 1)
        _ = try await database.openInvitation(token: token, now: lastMoment)
        await #expect(throws: AccountError.invitationExpired) {
            try await database.acceptInvitation(token: token, name: "Late", passwordHash: testPasswordHash,
                                                now: referenceNow.addingTimeInterval(14 * 86_400))
        }
        await #expect(throws: AccountError.invitationNotFound) {
            try await database.openInvitation(token: "made-up", now: referenceNow)
        }
    }

    @Test func reinvitingReplacesTheEarlierLinkAndExistingPeopleAreNotInvited() async throws {
        let database = try makeDatabase()
        let admin = try await database.makeUser("root@school.org", role: .admin)
        let first = try await database.invite(email: "x@school.org", role: .educator, by: admin.id!)
        let second = try await database.invite(email: "x@school.org", role: .facilitator, by: admin.id!)
        await #expect(throws: AccountError.invitationNotFound) { try await database.openInvitation(token: first.token) }
        #expect(try await database.openInvitation(token: second.token).role == .facilitator)
        await #expect(throws: AccountError.emailTaken) {
            try await database.invite(email: "root@school.org", role: .educator, by: admin.id!)
        }
    }

    @Test func aCohortInvitationEnrolsTheNewcomer() async throws {
        let database = try makeDatabase()
        let admin = try await database.makeUser("root@school.org", role: .admin)
        let program = try await database.builtInProgram()
        let cohort = try await database.createCohort(
            name: "Autumn", programId: program.id!, startsOn: CalendarDay("2026-08-17")!, meetingHour: 17,
            timeZone: .gmt, by: admin.id)
        let (token, _) = try await database.invite(email: "p@school.org", role: .educator, by: admin.id!,
                                                   cohortId: cohort.id, cohortRole: .participant)
        let user = try await database.acceptInvitation(token: token, name: "Pat", passwordHash: testPasswordHash)
        let summaries = try await database.cohorts(visibleTo: Viewer(user: user, cohortRoles: [:]))
        #expect(summaries.map(\.cohort.id) == [cohort.id])
        #expect(summaries.first?.viewerRole == .participant)
    }

    @Test func revokingRemovesAPendingInvitation() async throws {
        let database = try makeDatabase()
        let admin = try await database.makeUser("root@school.org", role: .admin)
        let (token, invitation) = try await database.invite(email: "x@school.org", role: .educator, by: admin.id!)
        try await database.revokeInvitation(id: invitation.id!, by: admin.id!)
        await #expect(throws: AccountError.invitationNotFound) { try await database.openInvitation(token: token) }
    }
}
