import Foundation
import GRDB

/// An in-app notification (named so to keep clear of Foundation's `Notification`):
/// a reply, a mention, an accepted answer, activity where one watches.
public struct Notice: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "notice"

    public enum Kind: String, Codable, Sendable, DatabaseValueConvertible {
        case reply
        case mention
        case accepted
        case watchedTopic
        case watchedBoard
        case feedback
        case feedbackRequest
        case reviewDecision
    }

    public var id: Int64?
    public var userId: Int64
    public var kind: Kind
    public var actorId: Int64?
    public var topicId: Int64?
    public var postId: Int64?
    public var text: String
    public var link: String
    public var createdAt: Date
    public var readAt: Date?

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let userId = Column(CodingKeys.userId)
        public static let readAt = Column(CodingKeys.readAt)
        public static let kind = Column(CodingKeys.kind)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
