import Foundation
import GRDB

/// An offer to join, sent to an email address. The link carries a token whose
/// SHA-256 is stored here; it is valid for a limited time and used once.
public struct Invitation: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "invitation"

    public var id: Int64?
    public var email: String
    public var role: Role
    public var tokenHash: Data
    public var invitedById: Int64?
    public var cohortId: Int64?
    public var cohortRole: CohortRole?
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?
    public var acceptedUserId: Int64?

    public enum Columns {
        public static let email = Column(CodingKeys.email)
        public static let tokenHash = Column(CodingKeys.tokenHash)
        public static let createdAt = Column(CodingKeys.createdAt)
        public static let acceptedAt = Column(CodingKeys.acceptedAt)
        public static let expiresAt = Column(CodingKeys.expiresAt)
        public static let cohortId = Column(CodingKeys.cohortId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public func isOpen(at now: Date) -> Bool {
        acceptedAt == nil && now < expiresAt
    }
}
