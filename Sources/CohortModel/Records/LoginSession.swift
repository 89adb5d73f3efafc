import Foundation
import GRDB

/// A signed-in browser. Only the SHA-256 of the cookie token is stored, so a copy of
/// the database cannot be used to sign in.
public struct LoginSession: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "loginSession"

    public var id: Int64?
    public var userId: Int64
    public var tokenHash: Data
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date

    public enum Columns {
        public static let userId = Column(CodingKeys.userId)
        public static let tokenHash = Column(CodingKeys.tokenHash)
        public static let lastSeenAt = Column(CodingKeys.lastSeenAt)
        public static let expiresAt = Column(CodingKeys.expiresAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension LoginSession {
    static let user = belongsTo(User.self)
}

extension LoginSession {
    /// Neither past its absolute expiry nor idle too long.
    func isValid(at now: Date, policy: SessionPolicy) -> Bool {
        expiresAt > now && lastSeenAt.addingTimeInterval(policy.idleTimeout) > now
    }
}
