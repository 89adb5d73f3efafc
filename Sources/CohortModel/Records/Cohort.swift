import Foundation
import GRDB

/// A group of educators taking a programme together.
public struct Cohort: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "cohort"

    public var id: Int64?
    public var programId: Int64
    public var name: String
    /// The day Pre-Work opens, as `yyyy-MM-dd`.
    public var startsOn: String
    /// The day course work is due (three weeks after the last session), as `yyyy-MM-dd`.
    public var trainingEndsOn: String
    /// The last day a portfolio may be submitted, as `yyyy-MM-dd`.
    public var portfolioDeadlineOn: String
    public var createdAt: Date

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let startsOn = Column(CodingKeys.startsOn)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Cohort {
    static let memberships = hasMany(Membership.self)
    static let program = belongsTo(Program.self)
}
