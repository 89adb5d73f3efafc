import Foundation
import GRDB

extension AppDatabase {
    /// Signs a person in: a fresh token every time, so a token planted before sign-in
    /// is worth nothing after it. Returns the token for the cookie.
    public func startLoginSession(userId: Int64, policy: SessionPolicy,
                                  now: Date = Date()) async throws -> (token: String, session: LoginSession) {
        let token = SecureToken.generate()
        let session = try await writer.write { db in
            try LoginSession
                .filter(LoginSession.Columns.userId == userId)
                .filter(LoginSession.Columns.expiresAt <= now)
                .deleteAll(db)
            var session = LoginSession(
                userId: userId, tokenHash: SecureToken.hash(token), csrfToken: SecureToken.generate(),
                createdAt: now, lastSeenAt: now, expiresAt: now.addingTimeInterval(policy.absoluteLifetime))
            try session.insert(db)
            try db.audit("session.start", by: userId, on: "user", id: userId, at: now)
            return session
        }
        return (token, session)
    }

    /// The sign-in a cookie token stands for, if it is still valid. Records activity
    /// at most once per `touchInterval`, so most requests only read, and most of those
    /// are answered from `SignedInCache`.
    public func signedIn(token: String, policy: SessionPolicy, now: Date = Date()) async throws -> SignedIn? {
        let tokenHash = SecureToken.hash(token)
        if let known = signedInCache.signedIn(tokenHash: tokenHash, changes: changes),
           now.timeIntervalSince(known.session.lastSeenAt) <= policy.touchInterval
        {
            return known.session.isValid(at: now, policy: policy) ? known : nil
        }
        let commits = changes.commits
        let found: (LoginSession, Viewer, Int)? = try await reader.read { db in
            // Every signed-in request runs these, so their statements are compiled once.
            guard let session = try LoginSession.fetchOne(db.cachedStatement(sql: "SELECT * FROM loginSession WHERE tokenHash = ?"),
                                                          arguments: [tokenHash]),
                session.isValid(at: now, policy: policy),
                let user = try User.fetchOne(cached: db, id: session.userId), user.isActive
            else { return nil }
            let roles = try Membership.fetchAll(db.cachedStatement(sql: "SELECT * FROM membership WHERE userId = ?"), arguments: [user.id!])
            let cohortRoles = Dictionary(roles.map { ($0.cohortId, $0.role) }, uniquingKeysWith: { a, _ in a })
            let unread = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM notice WHERE userId = ? AND readAt IS NULL"),
                                          arguments: [user.id!]) ?? 0
            return (session, Viewer(user: user, cohortRoles: cohortRoles), unread)
        }
        guard let (session, viewer, unread) = found else { return nil }
        let signedIn = SignedIn(session: session, viewer: viewer, unreadNotices: unread,
                                generation: changes.generation(for: viewer.id, ifNoCommitSince: commits))
        if now.timeIntervalSince(session.lastSeenAt) > policy.touchInterval {
            try await writer.write { db in
                changes.onlyChanges(seenBy: viewer.id)
                _ = try LoginSession.filter(id: session.id!).updateAll(db, LoginSession.Columns.lastSeenAt.set(to: now))
            }
        } else {
            signedInCache.keep(signedIn, tokenHash: tokenHash)
        }
        return signedIn
    }

    public func endLoginSession(id: Int64, now: Date = Date()) async throws {
        try await writer.write { db in
            if let session = try LoginSession.fetchOne(db, id: id) {
                try session.delete(db)
                try db.audit("session.end", by: session.userId, on: "user", id: session.userId, at: now)
            }
        }
    }
}
