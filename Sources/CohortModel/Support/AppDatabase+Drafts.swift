import Foundation
import GRDB

extension AppDatabase {
    /// Keeps what the viewer has typed in a box so far; an empty box has no draft.
    /// Only its author ever sees a draft, so it moves only their pages' generation.
    public func saveDraft(_ key: DraftKey, body: String, viewer: Viewer, now: Date = Date()) async throws {
        guard body.unicodeScalars.count <= DraftRules.maximumLength else { throw BoardError.bodyTooLong(maximum: DraftRules.maximumLength) }
        try await writer.write { db in
            changes.onlyChanges(seenBy: viewer.id)
            guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                try db.discardDraft(key, of: viewer.id)
                return
            }
            try db.execute(sql: """
                INSERT INTO draft (userId, key, body, updatedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (userId, key) DO UPDATE SET body = excluded.body, updatedAt = excluded.updatedAt
                """, arguments: [viewer.id, key.rawValue, body, now])
            try db.execute(sql: """
                DELETE FROM draft WHERE userId = ? AND key NOT IN
                    (SELECT key FROM draft WHERE userId = ? ORDER BY updatedAt DESC LIMIT ?)
                """, arguments: [viewer.id, viewer.id, DraftRules.maximumPerPerson])
        }
    }

    /// The viewer's draft for a box, or "".
    public func draft(_ key: DraftKey, viewer: Viewer) async throws -> String {
        try await reader.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM draft WHERE userId = ? AND key = ?", arguments: [viewer.id, key.rawValue]) ?? ""
        }
    }
}

extension Database {
    /// In the transaction that posts the text: its draft is done with.
    func discardDraft(_ key: DraftKey, of userId: Int64) throws {
        try execute(sql: "DELETE FROM draft WHERE userId = ? AND key = ?", arguments: [userId, key.rawValue])
    }
}
