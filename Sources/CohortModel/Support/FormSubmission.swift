import Crypto
import Foundation
import GRDB

/// The one-time key a creating form carries (`_submission`), with what the form said.
/// A second request with the same key and the same words is a repeat of the first: the
/// write returns what the first one created instead of creating it again.
public struct FormSubmission: Sendable {
    let key: String
    let fingerprint: Data

    /// `form` names which form it is (`reply`, `thread`, ...), so that no two forms' results
    /// are confused. Nil when the form sent no usable key (an old page, a script): it is
    /// then simply created.
    public init?(key: String?, form: String, content: [String]) {
        guard let key, !key.isEmpty, key.count <= 64, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        self.key = key
        fingerprint = Data(SHA256.hash(data: Data(([form] + content).joined(separator: "\u{1F}").utf8)))
    }

    /// A key for a form about to be shown.
    public static func newKey() -> String { SecureToken.generate() }

    /// How long a key is remembered: well past any double click or retried request.
    static let remembered: TimeInterval = 24 * 3600
}

extension Database {
    /// The id of what this submission already created, if it is a repeat.
    func earlierResult(of submission: FormSubmission?, by userId: Int64) throws -> Int64? {
        guard let submission else { return nil }
        return try Int64.fetchOne(self, sql: """
            SELECT resultId FROM formSubmission WHERE userId = ? AND key = ? AND fingerprint = ?
            """, arguments: [userId, submission.key, submission.fingerprint])
    }

    /// Remembers what this submission created, in the transaction that created it; the
    /// same person's keys older than a day are forgotten on the way.
    func record(_ submission: FormSubmission?, created resultId: Int64, by userId: Int64, now: Date) throws {
        guard let submission else { return }
        try execute(sql: "DELETE FROM formSubmission WHERE userId = ? AND createdAt < ?",
                    arguments: [userId, now.addingTimeInterval(-FormSubmission.remembered)])
        try execute(sql: """
            INSERT OR REPLACE INTO formSubmission (userId, key, fingerprint, resultId, createdAt) VALUES (?, ?, ?, ?, ?)
            """, arguments: [userId, submission.key, submission.fingerprint, resultId, now])
    }
}
