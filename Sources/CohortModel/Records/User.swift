import Foundation
import GRDB

/// A person with an account.
public struct User: Codable, Sendable, Identifiable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "user"

    public var id: Int64?
    public var email: String
    public var name: String
    public var role: Role
    public var passwordHash: String
    public var createdAt: Date
    /// IANA zone this person reads times in, e.g. `Europe/Berlin`; nil until chosen.
    public var timeZone: String?
    /// Set while an admin has closed the account: no sign-in, no mail; what they wrote stays.
    public var deactivatedAt: Date?

    public init(id: Int64? = nil, email: String, name: String, role: Role, passwordHash: String, createdAt: Date,
                timeZone: String? = nil, deactivatedAt: Date? = nil) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.timeZone = timeZone
        self.deactivatedAt = deactivatedAt
    }

    public var isActive: Bool { deactivatedAt == nil }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let email = Column(CodingKeys.email)
        public static let name = Column(CodingKeys.name)
        public static let role = Column(CodingKeys.role)
        public static let deactivatedAt = Column(CodingKeys.deactivatedAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension User {
    static let memberships = hasMany(Membership.self)
}
