import CohortURLs
import Foundation
import GRDB

extension AppDatabase {
    public static let emailChangeLifetime: TimeInterval = 24 * 3_600

    /// Asks to move an account to a new address: a confirmation link goes to the new
    /// address and a notice to the old one; nothing changes until the link is used.
    public func requestEmailChange(to newEmail: String, viewer: Viewer, now: Date = Date()) async throws -> String {
        let email = try AccountRules.normalisedEmail(newEmail)
        let user = viewer.user
        guard email != user.email.lowercased() else { throw AccountError.sameEmail }
        let token = SecureToken.generate()
        try await writer.write { db in
            if try User.filter(User.Columns.email == email).fetchCount(db) > 0 { throw AccountError.emailTaken }
            try db.execute(sql: "DELETE FROM emailChange WHERE userId = ? AND usedAt IS NULL", arguments: [user.id!])
            try db.execute(sql: "INSERT INTO emailChange (userId, newEmail, tokenHash, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [user.id!, email, SecureToken.hash(token), now, now.addingTimeInterval(Self.emailChangeLifetime)])
            try db.queueMail(.emailChange, to: MailRecipient(address: email), MailContent(
                subject: "Confirm your new address for Cohort",
                greeting: MailContent.hello(user.name),
                paragraphs: ["You asked to use this address for your Cohort account instead of \(user.email).",
                             "Confirm within 24 hours with the link below. Until then, mail keeps going to the old address."],
                action: .init(label: "Confirm this address", path: SiteURL.emailConfirmation.path(token)),
                actionIsSecret: true), now: now)
            try db.queueMail(.emailChangeNotice, to: MailRecipient(user), MailContent(
                subject: "Your Cohort address is about to change",
                greeting: MailContent.hello(user.name),
                paragraphs: ["Someone signed in to your Cohort account asked to change its address to \(email).",
                             "If that was you, confirm from the mail sent there. If not, change your password now: the change does not happen without the confirmation."],
                action: .init(label: "Open your account", path: SiteURL.account.path)), now: now)
            try db.audit("user.email-change.request", by: user.id, on: "user", id: user.id, detail: email, at: now)
        }
        return email
    }

    /// The address a confirmation link would move the account to.
    public func openEmailChange(token: String, now: Date = Date()) async throws -> (user: User, newEmail: String) {
        try await reader.read { db in
            let (_, user, email) = try Self.openEmailChange(db, token: token, now: now)
            return (user, email)
        }
    }

    public func confirmEmailChange(token: String, now: Date = Date()) async throws -> User {
        try await writer.write { db in
            let (id, user, email) = try Self.openEmailChange(db, token: token, now: now)
            if try User.filter(User.Columns.email == email).fetchCount(db) > 0 { throw AccountError.emailTaken }
            var changed = user
            let old = user.email
            changed.email = email
            try changed.update(db)
            try db.execute(sql: "UPDATE emailChange SET usedAt = ? WHERE id = ?", arguments: [now, id])
            try db.audit("user.email-change", by: user.id, on: "user", id: user.id, detail: "\(old) -> \(email)", at: now)
            return changed
        }
    }

    private static func openEmailChange(_ db: Database, token: String, now: Date) throws -> (Int64, User, String) {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM emailChange WHERE tokenHash = ?", arguments: [SecureToken.hash(token)]),
              let user = try User.fetchOne(db, id: row["userId"] as Int64)
        else { throw MailError.linkNotFound }
        if (row["usedAt"] as Date?) != nil { throw MailError.linkUsed }
        if (row["expiresAt"] as Date) <= now || !user.isActive { throw MailError.linkExpired }
        return (row["id"], user, row["newEmail"])
    }
}
