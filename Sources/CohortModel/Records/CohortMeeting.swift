import Foundation
import GRDB

/// The live virtual meeting of one course session for one cohort.
public struct CohortMeeting: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "cohortMeeting"

    public var id: Int64?
    public var cohortId: Int64
    public var courseSessionId: Int64
    public var startsAt: Date
    public var durationMinutes: Int
    /// IANA zone the facilitator scheduled it in, e.g. `America/Chicago`.
    public var timeZone: String
    public var link: String?

    public enum Columns {
        public static let cohortId = Column(CodingKeys.cohortId)
        public static let startsAt = Column(CodingKeys.startsAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
