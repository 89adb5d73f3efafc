import Foundation
import GRDB

/// One line of the audit log: who did what to which thing, and when. Written in the
/// same transaction as the change it records.
public struct AuditEntry: Codable, Sendable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "auditEntry"

    public var id: Int64?
    public var at: Date
    public var actorId: Int64?
    public var action: String
    public var subjectType: String
    public var subjectId: Int64?
    public var detail: String

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let action = Column(CodingKeys.action)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Database {
    /// Appends to the audit log inside the caller's transaction.
    func audit(
        _ action: String, by actorId: Int64?, on subjectType: String, id subjectId: Int64?,
        detail: String = "", at now: Date
    ) throws {
        var entry = AuditEntry(
            at: now, actorId: actorId, action: action, subjectType: subjectType,
            subjectId: subjectId, detail: detail)
        try entry.insert(self)
    }
}
