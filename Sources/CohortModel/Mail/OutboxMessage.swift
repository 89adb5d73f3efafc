import Foundation
import GRDB

/// A mail waiting to go, gone, or given up on. Written in the transaction of the
/// event that causes it, so a rolled-back write sends nothing and a committed one is
/// sent even if the process dies right after.
public struct OutboxMessage: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "outboxMessage"

    public enum State: String, Codable, Sendable, DatabaseValueConvertible {
        case queued, sent, failed
    }

    public enum Kind: String, Codable, Sendable, DatabaseValueConvertible {
        case invitation, passwordReset, emailChange, emailChangeNotice, notification, summary, reminder
    }

    public var id: Int64?
    public var userId: Int64?
    public var toAddress: String
    public var toName: String?
    public var kind: Kind
    public var content: MailContent
    /// The left part of the Message-ID, fixed when queued so that a retry after a
    /// crash is recognisably the same message.
    public var messageId: String
    public var state: State
    public var attempts: Int
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var sentAt: Date?
    public var lastError: String?

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let state = Column(CodingKeys.state)
        public static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
        public static let kind = Column(CodingKeys.kind)
        public static let userId = Column(CodingKeys.userId)
    }

    public static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }

    public static func databaseJSONDecoder(for column: String) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// When to try a mail again after a temporary failure, and when to give up.
public enum MailRetry {
    /// About two days of tries in all, as relays are sometimes down over a weekend.
    static let delays: [TimeInterval] = [60, 300, 900, 3_600, 3 * 3_600, 6 * 3_600, 12 * 3_600, 24 * 3_600]

    /// The wait after the given number of failed attempts; nil once it is time to give up.
    public static func delay(afterAttempts attempts: Int) -> TimeInterval? {
        attempts >= 1 && attempts <= delays.count ? delays[attempts - 1] : nil
    }
}
