import CohortURLs
import Foundation
import GRDB

extension AppDatabase {
    public static let passwordResetLifetime: TimeInterval = 3_600

    /// "Forgot your password?": mails a one-hour, single-use link to the account
    /// with this address, if there is an open one. Both cases are one write
    /// transaction, so the answer takes the same time whether or not it exists.
    public func requestPasswordReset(email: String, now: Date = Date()) async throws {
        let email = try AccountRules.normalisedEmail(email)
        try await writer.write { db in
            guard let user = try User.filter(User.Columns.email == email).fetchOne(db), user.deactivatedAt == nil else {
                try db.audit("password-reset.unknown", by: nil, on: "user", id: nil, at: now)
                return
            }
            try Self.queuePasswordReset(db, for: user, requestedBy: nil, now: now)
        }
    }

    /// An admin (or the command line, a nil viewer) sends a reset link on someone's behalf.
    public func sendPasswordReset(userId: Int64, viewer: Viewer?, now: Date = Date()) async throws -> User {
        guard viewer?.mayAdminister ?? true else { throw MailError.notAllowed }
        return try await writer.write { db in
            guard let user = try User.fetchOne(db, id: userId) else { throw AccountError.userNotFound }
            guard user.deactivatedAt == nil else { throw AccountError.accountClosed }
            try Self.queuePasswordReset(db, for: user, requestedBy: viewer?.user, now: now)
            return user
        }
    }

    /// The account a reset link is for, if it can still be used.
    public func openPasswordReset(token: String, now: Date = Date()) async throws -> User {
        try await reader.read { db in try Self.openPasswordReset(db, token: token, now: now).1 }
    }

    /// Sets the new password, uses the link up, and ends every session of that person.
    public func resetPassword(token: String, newHash: String, now: Date = Date()) async throws -> User {
        try await writer.write { db in
            let (resetId, user) = try Self.openPasswordReset(db, token: token, now: now)
            var changed = user
            changed.passwordHash = newHash
            try changed.update(db)
            try db.execute(sql: "UPDATE passwordReset SET usedAt = ? WHERE userId = ? AND usedAt IS NULL", arguments: [now, user.id!])
            try LoginSession.filter(LoginSession.Columns.userId == user.id!).deleteAll(db)
            try db.audit("password-reset.use", by: user.id, on: "passwordReset", id: resetId, at: now)
            return changed
        }
    }

    private static func queuePasswordReset(_ db: Database, for user: User, requestedBy admin: User?, now: Date) throws {
        let token = SecureToken.generate()
        try db.execute(sql: "INSERT INTO passwordReset (userId, tokenHash, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
                       arguments: [user.id!, SecureToken.hash(token), now, now.addingTimeInterval(passwordResetLifetime)])
        let why = admin.map { "\($0.name), an admin, sent you this link to choose a new password for your Cohort account." }
            ?? "Someone, probably you, asked to reset the password of your Cohort account."
        try db.queueMail(.passwordReset, to: MailRecipient(user), MailContent(
            subject: "Reset your Cohort password",
            greeting: MailContent.hello(user.name),
            paragraphs: [why, "The link below works once, for one hour. Setting a new password signs you out everywhere.",
                         "If you did not ask for this, ignore this mail: your password stays as it is."],
            action: .init(label: "Choose a new password", path: SiteURL.passwordResetToken.path(token)),
            actionIsSecret: true), now: now)
        try db.audit("password-reset.request", by: admin?.id ?? user.id, on: "user", id: user.id, at: now)
    }

    private static func openPasswordReset(_ db: Database, token: String, now: Date) throws -> (Int64, User) {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, userId, expiresAt, usedAt FROM passwordReset WHERE tokenHash = ?",
                                         arguments: [SecureToken.hash(token)]),
              let user = try User.fetchOne(db, id: row["userId"] as Int64)
        else { throw MailError.linkNotFound }
        if (row["usedAt"] as Date?) != nil { throw MailError.linkUsed }
        if (row["expiresAt"] as Date) <= now || user.deactivatedAt != nil { throw MailError.linkExpired }
        return (row["id"], user)
    }
}
