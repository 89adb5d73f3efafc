import Foundation
import GRDB

/// A PLC discussion board: of one cohort, or of a whole programme (`cohortId` nil).
public struct Board: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "board"

    public enum Kind: String, Codable, Sendable, DatabaseValueConvertible {
        case general
        case questions
        case session
        case custom
    }

    public var id: Int64?
    public var programId: Int64
    public var cohortId: Int64?
    public var courseSessionId: Int64?
    public var kind: Kind
    public var title: String
    public var position: Int
    public var archivedAt: Date?
    public var topicCount: Int
    public var postCount: Int
    public var lastActivityAt: Date?
    public var createdAt: Date

    public enum Columns {
        public static let cohortId = Column(CodingKeys.cohortId)
        public static let programId = Column(CodingKeys.programId)
        public static let position = Column(CodingKeys.position)
        public static let archivedAt = Column(CodingKeys.archivedAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    public var isProgramWide: Bool { cohortId == nil }
}
