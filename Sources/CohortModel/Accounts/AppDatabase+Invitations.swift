import Foundation
import GRDB

extension AppDatabase {
    public static let invitationLifetime: TimeInterval = 14 * 86_400

    /// Invites an email address to join with a role and mails them the link. A newer
    /// invitation replaces any unused one for the same address. Returns the token for
    /// the link.
    public func invite(email: String, role: Role, by adminId: Int64, cohortId: Int64? = nil,
                       cohortRole: CohortRole? = nil,
                       now: Date = Date()) async throws -> (token: String, invitation: Invitation) {
        let email = try AccountRules.normalisedEmail(email)
        let token = SecureToken.generate()
        let invitation = try await writer.write { db in
            if try User.filter(User.Columns.email == email).fetchCount(db) > 0 {
                throw AccountError.emailTaken
            }
            try Invitation
                .filter(Invitation.Columns.email == email)
                .filter(Invitation.Columns.acceptedAt == nil)
                .deleteAll(db)
            var invitation = Invitation(
                email: email, role: role, tokenHash: SecureToken.hash(token), invitedById: adminId,
                cohortId: cohortId, cohortRole: cohortRole, createdAt: now,
                expiresAt: now.addingTimeInterval(Self.invitationLifetime), acceptedAt: nil, acceptedUserId: nil)
            try invitation.insert(db)
            try db.queueInvitationMail(invitation, token: token, now: now)
            try db.audit("invitation.create", by: adminId, on: "invitation", id: invitation.id,
                         detail: "\(role.rawValue) \(email)", at: now)
            return invitation
        }
        return (token, invitation)
    }

    /// The invitation a link stands for, if it can still be accepted.
    public func openInvitation(token: String, now: Date = Date()) async throws -> Invitation {
        try await reader.read { db in try Self.openInvitation(db, token: token, now: now) }
    }

    /// Creates the invitee's account, enrols them where the invitation says, and
    /// uses the invitation up, all at once.
    public func acceptInvitation(token: String, name: String, passwordHash: String,
                                 now: Date = Date()) async throws -> User {
        try await writer.write { db in
            var invitation = try Self.openInvitation(db, token: token, now: now)
            let user = try Self.insertUser(db, email: invitation.email, name: name, role: invitation.role,
                                           passwordHash: passwordHash, by: nil, now: now)
            invitation.acceptedAt = now
            invitation.acceptedUserId = user.id
            try invitation.update(db)
            if let cohortId = invitation.cohortId {
                try Membership(cohortId: cohortId, userId: user.id!, role: invitation.cohortRole ?? .participant,
                               createdAt: now).insert(db)
            }
            try db.audit("invitation.accept", by: user.id, on: "invitation", id: invitation.id, at: now)
            return user
        }
    }

    public func revokeInvitation(id: Int64, by adminId: Int64, now: Date = Date()) async throws {
        try await writer.write { db in
            guard let invitation = try Invitation.fetchOne(db, id: id), invitation.acceptedAt == nil else {
                throw AccountError.invitationNotFound
            }
            try invitation.delete(db)
            try db.audit("invitation.revoke", by: adminId, on: "invitation", id: id,
                         detail: invitation.email, at: now)
        }
    }

    /// Invitations not yet accepted, newest first, for the admin.
    public func pendingInvitations() async throws -> [Invitation] {
        try await reader.read { db in
            try Invitation
                .filter(Invitation.Columns.acceptedAt == nil)
                .order(Invitation.Columns.createdAt.desc)
                .fetchAll(db)
        }
    }

    /// Invitations to one cohort not yet accepted, for its roster.
    public func pendingInvitations(cohortId: Int64) async throws -> [Invitation] {
        try await reader.read { db in
            try Invitation
                .filter(Invitation.Columns.cohortId == cohortId)
                .filter(Invitation.Columns.acceptedAt == nil)
                .order(Invitation.Columns.email)
                .fetchAll(db)
        }
    }

    private static func openInvitation(_ db: Database, token: String, now: Date) throws -> Invitation {
        guard let invitation = try Invitation
            .filter(Invitation.Columns.tokenHash == SecureToken.hash(token)).fetchOne(db)
        else { throw AccountError.invitationNotFound }
        if invitation.acceptedAt != nil { throw AccountError.invitationUsed }
        if invitation.expiresAt <= now { throw AccountError.invitationExpired }
        return invitation
    }
}
