import GRDB

/// A training session of a programme (Pre-Work, Session 1 ... 5). Named so to keep
/// it apart from a sign-in session (`LoginSession`).
public struct CourseSession: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "courseSession"

    public var id: Int64?
    public var programId: Int64
    /// 0 is Pre-Work, then 1 ... 5.
    public var position: Int
    public var title: String
    public var summary: String
    public var asyncHoursMin: Int
    public var asyncHoursMax: Int

    public enum Columns {
        public static let programId = Column(CodingKeys.programId)
        public static let position = Column(CodingKeys.position)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
