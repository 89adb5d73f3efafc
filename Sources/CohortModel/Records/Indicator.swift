import GRDB

/// One indicator of a standard, e.g. 2.1.a, with a short title in our own words.
public struct Indicator: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "indicator"

    public var id: Int64?
    public var standardId: Int64
    public var code: String
    public var title: String
    public var position: Int

    public enum Columns {
        public static let standardId = Column(CodingKeys.standardId)
        public static let code = Column(CodingKeys.code)
        public static let position = Column(CodingKeys.position)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
