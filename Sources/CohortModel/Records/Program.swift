import Foundation
import GRDB

/// A certification programme and its rules, stored as data.
public struct Program: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "program"

    public var id: Int64?
    public var slug: String
    public var name: String
    public var summary: String
    /// Months after the training ends during which a portfolio may be submitted.
    public var portfolioWindowMonths: Int
    /// Percentage of criteria met that passes a portfolio.
    public var passMarkPercent: Int
    public var certificateValidYears: Int
    /// Who awards the certificate, named on it.
    public var issuerName: String

    public enum Columns {
        public static let slug = Column(CodingKeys.slug)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Program {
    static let standards = hasMany(Standard.self)
    static let courseSessions = hasMany(CourseSession.self)
}
