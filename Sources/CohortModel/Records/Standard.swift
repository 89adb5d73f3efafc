import GRDB

/// One standard of a programme's framework, e.g. 2.1 Learner.
public struct Standard: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "standard"

    public var id: Int64?
    public var programId: Int64
    public var code: String
    public var name: String
    public var position: Int

    public enum Columns {
        public static let programId = Column(CodingKeys.programId)
        public static let position = Column(CodingKeys.position)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Standard {
    static let indicators = hasMany(Indicator.self)
}
