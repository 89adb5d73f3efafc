import Foundation
import GRDB

/// A member's report that a post needs a moderator's look.
public struct PostFlag: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "postFlag"

    public var id: Int64?
    public var postId: Int64
    public var reporterId: Int64
    public var reason: String
    public var createdAt: Date
    public var resolvedAt: Date?
    public var resolution: String?
    public var resolvedById: Int64?

    public enum Columns {
        public static let postId = Column(CodingKeys.postId)
        public static let resolvedAt = Column(CodingKeys.resolvedAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
