import Foundation
import GRDB

/// One educator's portfolio in one cohort.
public struct Portfolio: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "portfolio"

    public enum State: String, Codable, Sendable, DatabaseValueConvertible {
        case draft, submitted, inReview, passed, returned
    }

    public var id: Int64?
    public var userId: Int64
    public var cohortId: Int64
    public var state: State
    public var reflectionSource: String
    public var reflectionHTML: String
    /// An admin's extension of this person's deadline (`yyyy-MM-dd`).
    public var deadlineExtendedTo: String?
    public var extensionReason: String?
    public var createdAt: Date
    public var updatedAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One submission (attempt) of a portfolio, frozen at submission time.
public struct Submission: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "submission"

    public enum State: String, Codable, Sendable, DatabaseValueConvertible {
        case queued, claimed, decided
    }

    public var id: Int64?
    public var portfolioId: Int64
    public var attempt: Int
    public var state: State
    public var submittedAt: Date
    public var claimedById: Int64?
    public var leaseExpiresAt: Date?
    public var decidedAt: Date?
    public var score: Int?
    public var passed: Bool?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Proof that someone passed: public, verifiable by its code.
public struct Certificate: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "certificate"

    public var id: Int64?
    public var userId: Int64
    public var programId: Int64
    public var submissionId: Int64
    public var code: String
    public var issuedOn: String
    public var expiresOn: String
    public var revokedAt: Date?
    public var revokeReason: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
