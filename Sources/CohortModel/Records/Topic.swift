import Foundation
import GRDB

/// A thread on a board (named so to keep clear of Foundation's `Thread`): a
/// discussion, or a question that can have one accepted answer.
public struct Topic: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "topic"

    public enum Kind: String, Codable, Sendable, DatabaseValueConvertible {
        case discussion
        case question
    }

    public var id: Int64?
    public var boardId: Int64
    public var authorId: Int64
    public var title: String
    public var kind: Kind
    public var acceptedPostId: Int64?
    public var pinned: Bool
    public var locked: Bool
    /// Posts after the opening one, deleted ones included (they keep their place).
    public var replyCount: Int
    public var lastPostId: Int64
    public var lastPosterId: Int64?
    public var lastActivityAt: Date
    public var createdAt: Date

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let boardId = Column(CodingKeys.boardId)
        public static let pinned = Column(CodingKeys.pinned)
        public static let lastActivityAt = Column(CodingKeys.lastActivityAt)
        public static let authorId = Column(CodingKeys.authorId)
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
