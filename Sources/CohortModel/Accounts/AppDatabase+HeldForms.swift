import Foundation
import GRDB

/// A form sent after its sign-in had expired, kept for its author.
public struct HeldForm: Sendable {
    /// Where the form was sent.
    public let path: String
    /// The form as sent (`application/x-www-form-urlencoded`).
    public let body: String
}

/// How long a held form waits for its author to sign in again.
public enum HeldForms {
    public static let lifetime: TimeInterval = 24 * 3600
}

extension AppDatabase {
    /// The author and CSRF token of a sign-in that has expired but is still on record,
    /// so a form sent from its pages can be recognised as theirs.
    public func expiredSession(token: String, now: Date = Date()) async throws -> (userId: Int64, csrfToken: String)? {
        try await reader.read { db in
            guard let session = try LoginSession.filter(LoginSession.Columns.tokenHash == SecureToken.hash(token)).fetchOne(db),
                let user = try User.fetchOne(db, id: session.userId), user.isActive
            else { return nil }
            return (session.userId, session.csrfToken)
        }
    }

    /// Keeps a form until its author signs in again; returns the token for their cookie.
    public func holdForm(userId: Int64, path: String, body: String, now: Date = Date()) async throws -> String {
        let token = SecureToken.generate()
        try await writer.write { db in
            changes.onlyChanges(seenBy: userId)
            try db.execute(sql: "DELETE FROM heldForm WHERE expiresAt <= ?", arguments: [now])
            try db.execute(sql: "INSERT INTO heldForm (tokenHash, userId, path, body, expiresAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [SecureToken.hash(token), userId, path, body, now.addingTimeInterval(HeldForms.lifetime)])
        }
        return token
    }

    /// The held form the cookie names, once, if it is the viewer's and still fresh.
    public func takeHeldForm(token: String, viewer: Viewer, now: Date = Date()) async throws -> HeldForm? {
        try await writer.write { db in
            changes.onlyChanges(seenBy: viewer.id)
            let hash = SecureToken.hash(token)
            let row = try Row.fetchOne(db, sql: "SELECT userId, path, body, expiresAt FROM heldForm WHERE tokenHash = ?", arguments: [hash])
            try db.execute(sql: "DELETE FROM heldForm WHERE tokenHash = ?", arguments: [hash])
            guard let row, row["userId"] == viewer.id, (row["expiresAt"] as Date) > now else { return nil }
            return HeldForm(path: row["path"], body: row["body"])
        }
    }
}
