import Foundation
import GRDB

extension AppDatabase {
    /// Creates an account directly (the command line's `user add`).
    @discardableResult
    public func addUser(email: String, name: String, role: Role, passwordHash: String,
                        by actorId: Int64? = nil, now: Date = Date()) async throws -> User {
        try await writer.write { db in
            try Self.insertUser(db, email: email, name: name, role: role, passwordHash: passwordHash,
                                by: actorId, now: now)
        }
    }

    /// Creates the first admin: refused once any admin exists, checked in the same
    /// transaction so two setup forms cannot both succeed.
    public func createFirstAdmin(email: String, name: String, passwordHash: String,
                                 now: Date = Date()) async throws -> User {
        try await writer.write { db in
            if try User.filter(User.Columns.role == Role.admin).fetchCount(db) > 0 {
                throw AccountError.setupAlreadyDone
            }
            return try Self.insertUser(db, email: email, name: name, role: .admin,
                                       passwordHash: passwordHash, by: nil, now: now)
        }
    }

    public func hasAdmin() async throws -> Bool {
        try await reader.read { db in try User.filter(User.Columns.role == Role.admin).fetchCount(db) > 0 }
    }

    public func isEmpty() async throws -> Bool {
        try await reader.read { db in try User.fetchCount(db) == 0 }
    }

    /// The account an email signs in to, if any.
    public func user(email: String) async throws -> User? {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return try await reader.read { db in try User.filter(User.Columns.email == email).fetchOne(db) }
    }

    public func user(id: Int64) async throws -> User? {
        try await reader.read { db in try User.fetchOne(db, id: id) }
    }

    public func rename(userId: Int64, to name: String, now: Date = Date()) async throws {
        let name = try AccountRules.normalisedName(name)
        try await writer.write { db in
            guard var user = try User.fetchOne(db, id: userId) else { throw AccountError.userNotFound }
            user.name = name
            try user.update(db)
            try db.audit("user.rename", by: userId, on: "user", id: userId, at: now)
        }
    }

    /// Sets a new password and signs out every other browser of this person.
    public func changePassword(userId: Int64, newHash: String, keepingSession sessionId: Int64?,
                               now: Date = Date()) async throws {
        try await writer.write { db in
            guard var user = try User.fetchOne(db, id: userId) else { throw AccountError.userNotFound }
            user.passwordHash = newHash
            try user.update(db)
            try LoginSession
                .filter(LoginSession.Columns.userId == userId)
                .filter(Column("id") != sessionId)
                .deleteAll(db)
            try db.audit("user.password", by: userId, on: "user", id: userId, at: now)
        }
    }

    /// Everyone, for the admin's people page.
    public func allUsers() async throws -> [User] {
        try await reader.read { db in try User.order(User.Columns.name.collating(.localizedCaseInsensitiveCompare)).fetchAll(db) }
    }

    static func insertUser(_ db: Database, email: String, name: String, role: Role, passwordHash: String,
                           by actorId: Int64?, now: Date) throws -> User {
        let email = try AccountRules.normalisedEmail(email)
        let name = try AccountRules.normalisedName(name)
        if try User.filter(User.Columns.email == email).fetchCount(db) > 0 {
            throw AccountError.emailTaken
        }
        var user = User(email: email, name: name, role: role, passwordHash: passwordHash, createdAt: now)
        try user.insert(db)
        try db.audit("user.create", by: actorId ?? user.id, on: "user", id: user.id,
                     detail: "\(role.rawValue) \(email)", at: now)
        return user
    }
}

extension AppDatabase {
    /// Sets the zone a person reads times in; an empty string clears it.
    public func setTimeZone(userId: Int64, to identifier: String, now: Date = Date()) async throws {
        let zone = identifier.trimmingCharacters(in: .whitespaces)
        guard zone.isEmpty || TimeZone(identifier: zone) != nil else { throw CohortError.unknownTimeZone }
        try await writer.write { db in
            guard var user = try User.fetchOne(db, id: userId) else { throw AccountError.userNotFound }
            user.timeZone = zone.isEmpty ? nil : zone
            try user.update(db)
            try db.audit("user.time-zone", by: userId, on: "user", id: userId, detail: zone, at: now)
        }
    }
}

extension AppDatabase {
    /// The viewer for an account, as if they were signed in (for the command line,
    /// the demo and feeds).
    public func viewer(userId: Int64) async throws -> Viewer {
        try await reader.read { db in
            guard let user = try User.fetchOne(db, id: userId) else { throw AccountError.userNotFound }
            let roles = try Membership.filter(Membership.Columns.userId == userId).fetchAll(db)
            return Viewer(user: user, cohortRoles: Dictionary(roles.map { ($0.cohortId, $0.role) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}
