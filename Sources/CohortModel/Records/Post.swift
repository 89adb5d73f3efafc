import Foundation
import GRDB

/// A message in a thread: the opening post or a reply to the thread or to a post.
/// `html` is rendered from `source` when it is written; pages never parse Markdown.
public struct Post: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "post"

    public var id: Int64?
    public var topicId: Int64
    public var authorId: Int64
    public var parentId: Int64?
    public var depth: Int
    public var source: String
    public var html: String
    public var helpfulCount: Int
    public var createdAt: Date
    public var editedAt: Date?
    public var deletedAt: Date?
    public var hiddenAt: Date?
    public var hiddenReason: String?
    public var hiddenById: Int64?

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let topicId = Column(CodingKeys.topicId)
        public static let authorId = Column(CodingKeys.authorId)
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// Deleted or hidden posts keep their place but not their words.
    public var isRemoved: Bool { deletedAt != nil || hiddenAt != nil }

    /// Every column, in the order `init(selectedRow:)` reads them, for queries that
    /// decode many posts: reading by position skips the by-name lookups of Decodable.
    static let selection = """
        post.id, post.topicId, post.authorId, post.parentId, post.depth, post.source, post.html, post.helpfulCount,
        post.createdAt, post.editedAt, post.deletedAt, post.hiddenAt, post.hiddenReason, post.hiddenById
        """
    static let selectionCount = 14
}

extension Post {
    init(selectedRow row: Row) {
        self.init(id: row[0], topicId: row[1], authorId: row[2], parentId: row[3], depth: row[4], source: row[5], html: row[6],
                  helpfulCount: row[7], createdAt: row[8], editedAt: row[9], deletedAt: row[10], hiddenAt: row[11],
                  hiddenReason: row[12], hiddenById: row[13])
    }
}

/// An earlier text of an edited post.
public struct PostRevision: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "postRevision"

    public var id: Int64?
    public var postId: Int64
    public var editorId: Int64?
    public var source: String
    public var html: String
    public var createdAt: Date

    public enum Columns {
        public static let postId = Column(CodingKeys.postId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
