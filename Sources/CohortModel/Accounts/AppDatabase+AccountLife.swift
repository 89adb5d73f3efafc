import Foundation
import GRDB

/// What admins do over the whole life of an account; every step audited. A nil
/// viewer is the command line, run by whoever runs the server.
extension AppDatabase {
    /// Closes an account: its sessions end at once and it cannot sign in; its posts
    /// and feedback stay under its name.
    public func deactivate(userId: Int64, viewer: Viewer?, now: Date = Date()) async throws {
        guard viewer?.mayAdminister ?? true else { throw AccountError.notAllowed }
        try await writer.write { db in
            guard var user = try User.fetchOne(db, id: userId) else { throw AccountError.userNotFound }
            guard user.deactivatedAt == nil else { return }
            if user.role == .admin, try Self.activeAdminCount(db) <= 1 { throw AccountError.lastAdmin }
            user.deactivatedAt = now
            try user.update(db)
            try LoginSession.filter(LoginSession.Columns.userId == userId).deleteAll(db)
            try db.execute(sql: "UPDATE passwordReset SET usedAt = ? WHERE userId = ? AND usedAt IS NULL", arguments: [now, userId])
            try db.audit("user.deactivate", by: viewer?.id, on: "user", id: userId, detail: user.email, at: now)
        }
    }

    public func reactivate(userId: Int64, viewer: Viewer?, now: Date = Date()) async throws {
        guard viewer?.mayAdminister ?? true else { throw AccountError.notAllowed }
        try await writer.write { db in
            guard var user = try User.fetchOne(db, id: userId) else { throw AccountError.userNotFound }
            guard user.deactivatedAt != nil else { return }
            user.deactivatedAt = nil
            try user.update(db)
            try db.audit("user.reactivate", by: viewer?.id, on: "user", id: userId, detail: user.email, at: now)
        }
    }

    public func changeRole(userId: Int64, to role: Role, viewer: Viewer, now: Date = Date()) async throws {
        guard viewer.mayAdminister else { throw AccountError.notAllowed }
        try await writer.write { db in
            guard var user = try User.fetchOne(db, id: userId) else { throw AccountError.userNotFound }
            guard user.role != role else { return }
            if user.role == .admin, user.isActive, try Self.activeAdminCount(db) <= 1 { throw AccountError.lastAdmin }
            let old = user.role
            user.role = role
            try user.update(db)
            try db.audit("user.role", by: viewer.id, on: "user", id: userId, detail: "\(old.rawValue) -> \(role.rawValue)", at: now)
        }
    }

    /// Takes a member out of a cohort: its boards and pages are closed to them at
    /// once; what they wrote stays. Their attendance in it goes with the membership.
    public func removeMember(userId: Int64, cohortId: Int64, viewer: Viewer, now: Date = Date()) async throws {
        guard viewer.abilities(inCohort: cohortId).canChangeRoster else { throw AccountError.notAllowed }
        try await writer.write { db in
            guard let membership = try Membership.filter(Membership.Columns.cohortId == cohortId)
                .filter(Membership.Columns.userId == userId).fetchOne(db)
            else { throw AccountError.userNotFound }
            try membership.delete(db)
            try db.audit("membership.remove", by: viewer.id, on: "cohort", id: cohortId,
                         detail: "user \(userId) (\(membership.role.rawValue))", at: now)
        }
    }

    /// One person with what an admin needs to manage them.
    public func account(userId: Int64, viewer: Viewer) async throws -> (user: User, cohorts: [(Cohort, CohortRole)]) {
        guard viewer.mayAdminister else { throw AccountError.notAllowed }
        return try await reader.read { db in
            guard let user = try User.fetchOne(db, id: userId) else { throw AccountError.userNotFound }
            let rows = try Row.fetchAll(db, sql: """
                SELECT cohort.*, membership.role AS memberRole FROM membership JOIN cohort ON cohort.id = membership.cohortId
                WHERE membership.userId = ? ORDER BY cohort.startsOn DESC
                """, arguments: [userId])
            return (user, try rows.map { (try Cohort(row: $0), CohortRole(rawValue: $0["memberRole"]) ?? .participant) })
        }
    }

    private static func activeAdminCount(_ db: Database) throws -> Int {
        try User.filter(User.Columns.role == Role.admin).filter(User.Columns.deactivatedAt == nil).fetchCount(db)
    }
}
