import CohortURLs
import Foundation
import GRDB

/// One person's choice for each topic, defaults filled in.
public struct MailPreferences: Sendable, Equatable {
    public let choices: [MailTopic: MailDelivery]

    public subscript(topic: MailTopic) -> MailDelivery { choices[topic] ?? topic.defaultDelivery }
}

extension AppDatabase {
    public func mailPreferences(userId: Int64) async throws -> MailPreferences {
        try await reader.read { db in try Self.mailPreferences(db, userId: userId) }
    }

    /// Saves the account page's choices; a topic left out keeps its choice.
    public func setMailPreferences(_ choices: [MailTopic: MailDelivery], viewer: Viewer, now: Date = Date()) async throws {
        for (topic, delivery) in choices where !topic.choices.contains(delivery) { throw MailError.unknownDelivery }
        try await writer.write { db in
            for (topic, delivery) in choices {
                try db.execute(sql: """
                    INSERT INTO mailPreference (userId, topic, delivery) VALUES (?, ?, ?)
                    ON CONFLICT (userId, topic) DO UPDATE SET delivery = excluded.delivery
                    """, arguments: [viewer.id, topic, delivery])
            }
            try db.audit("mail.preferences", by: viewer.id, on: "user", id: viewer.id,
                         detail: choices.sorted { $0.key.rawValue < $1.key.rawValue }
                             .map { "\($0.key.rawValue)=\($0.value.rawValue)" }.joined(separator: " "), at: now)
        }
    }

    /// Who an unsubscribe link stands for, to show before they confirm.
    public func unsubscribeTarget(token: String) async throws -> User {
        try await reader.read { db in try Self.mailKeyOwner(db, token: token) }
    }

    /// Turns topics off for the owner of an unsubscribe link; safe to repeat.
    public func unsubscribe(token: String, topics: [MailTopic], now: Date = Date()) async throws -> User {
        try await writer.write { db in
            let user = try Self.mailKeyOwner(db, token: token)
            for topic in topics {
                try db.execute(sql: """
                    INSERT INTO mailPreference (userId, topic, delivery) VALUES (?, ?, 'off')
                    ON CONFLICT (userId, topic) DO UPDATE SET delivery = 'off'
                    """, arguments: [user.id!, topic])
            }
            try db.audit("mail.unsubscribe", by: user.id, on: "user", id: user.id,
                         detail: topics.map(\.rawValue).joined(separator: ","), at: now)
            return user
        }
    }

    /// The topics an unsubscribe link's last part names (`reply` or `reply,mention`).
    public static func mailTopics(inLink part: String) throws -> [MailTopic] {
        let topics = part.split(separator: ",").compactMap { MailTopic(rawValue: String($0)) }
        guard !topics.isEmpty, topics.count == part.split(separator: ",").count else { throw MailError.unknownTopic }
        return topics
    }

    static func mailPreferences(_ db: Database, userId: Int64) throws -> MailPreferences {
        let rows = try Row.fetchAll(db, sql: "SELECT topic, delivery FROM mailPreference WHERE userId = ?", arguments: [userId])
        var choices: [MailTopic: MailDelivery] = [:]
        for row in rows {
            if let topic = MailTopic(rawValue: row[0]), let delivery = MailDelivery(rawValue: row[1]) { choices[topic] = delivery }
        }
        return MailPreferences(choices: choices)
    }

    /// The unsubscribe link for one person and topics, creating their key the first time.
    static func unsubscribe(_ db: Database, userId: Int64, topics: [MailTopic]) throws -> MailContent.Unsubscribe {
        var token = try String.fetchOne(db, sql: "SELECT token FROM mailKey WHERE userId = ?", arguments: [userId])
        if token == nil {
            let fresh = SecureToken.generate()
            try db.execute(sql: "INSERT INTO mailKey (userId, token) VALUES (?, ?)", arguments: [userId, fresh])
            token = fresh
        }
        return MailContent.Unsubscribe(topics: topics,
                                       path: SiteURL.unsubscribe.path(token!, topics.map(\.rawValue).joined(separator: ",")))
    }

    private static func mailKeyOwner(_ db: Database, token: String) throws -> User {
        guard let userId = try Int64.fetchOne(db, sql: "SELECT userId FROM mailKey WHERE token = ?", arguments: [token]),
              let user = try User.fetchOne(db, id: userId)
        else { throw MailError.linkNotFound }
        return user
    }
}
