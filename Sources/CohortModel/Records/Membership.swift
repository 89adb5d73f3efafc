import Foundation
import GRDB

/// A person's place in a cohort.
public struct Membership: Codable, Sendable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "membership"

    public var cohortId: Int64
    public var userId: Int64
    public var role: CohortRole
    public var createdAt: Date

    public enum Columns {
        public static let cohortId = Column(CodingKeys.cohortId)
        public static let userId = Column(CodingKeys.userId)
        public static let role = Column(CodingKeys.role)
    }
}

extension Membership {
    static let cohort = belongsTo(Cohort.self)
    static let user = belongsTo(User.self)
}
