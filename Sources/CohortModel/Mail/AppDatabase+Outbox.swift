import Foundation
import GRDB

/// Who a mail goes to.
struct MailRecipient {
    let address: String
    let name: String?
    let userId: Int64?

    init(_ user: User) {
        address = user.email
        name = user.name
        userId = user.id
    }

    init(address: String) {
        self.address = address
        name = nil
        userId = nil
    }
}

extension Database {
    /// Queues a mail inside the caller's transaction: it goes if and only if the
    /// transaction commits.
    @discardableResult
    func queueMail(_ kind: OutboxMessage.Kind, to recipient: MailRecipient, _ content: MailContent,
                   now: Date) throws -> OutboxMessage {
        var message = OutboxMessage(
            userId: recipient.userId, toAddress: recipient.address, toName: recipient.name, kind: kind,
            content: content, messageId: "\(Int(now.timeIntervalSince1970)).\(SecureToken.generate().prefix(16))",
            state: .queued, attempts: 0, createdAt: now, nextAttemptAt: now, sentAt: nil, lastError: nil)
        try message.insert(self)
        return message
    }
}

/// The outbox as an admin sees it.
public struct OutboxOverview: Sendable {
    public let queued: Int
    public let sent: Int
    public let failed: Int
    /// Queued ones that have failed at least once.
    public let retrying: Int
    public let latest: [OutboxMessage]
}

extension AppDatabase {
    /// Mail whose turn has come, oldest first.
    public func dueMail(now: Date = Date(), limit: Int = 20) async throws -> [OutboxMessage] {
        try await reader.read { db in
            try OutboxMessage
                .filter(OutboxMessage.Columns.state == OutboxMessage.State.queued)
                .filter(OutboxMessage.Columns.nextAttemptAt <= now)
                .order(OutboxMessage.Columns.nextAttemptAt, OutboxMessage.Columns.id)
                .limit(limit)
                .fetchAll(db)
        }
    }

    /// When the next queued mail falls due, so the delivery service can sleep till then.
    public func nextMailDue() async throws -> Date? {
        try await reader.read { db in
            try Date.fetchOne(db, sql: "SELECT MIN(nextAttemptAt) FROM outboxMessage WHERE state = 'queued'")
        }
    }

    /// Records that a relay took the mail. `forgetSecret` drops a token-bearing link
    /// from the stored words once it is out of our hands.
    public func markMailSent(id: Int64, forgetSecret: Bool, now: Date = Date()) async throws {
        try await writer.write { db in
            guard var message = try OutboxMessage.fetchOne(db, id: id), message.state == .queued else { return }
            message.state = .sent
            message.attempts += 1
            message.sentAt = now
            message.lastError = nil
            if forgetSecret, message.content.actionIsSecret {
                message.content.action?.path = ""
            }
            try message.update(db)
        }
    }

    /// Records a failed attempt: a temporary one is tried again later (until
    /// `MailRetry` gives up), a permanent one is not.
    public func markMailFailed(id: Int64, reason: String, permanent: Bool, now: Date = Date()) async throws {
        try await writer.write { db in
            guard var message = try OutboxMessage.fetchOne(db, id: id), message.state == .queued else { return }
            message.attempts += 1
            message.lastError = String(reason.prefix(500))
            if !permanent, let delay = MailRetry.delay(afterAttempts: message.attempts) {
                message.nextAttemptAt = now.addingTimeInterval(delay)
            } else {
                message.state = .failed
                if !permanent { message.lastError = "Gave up after \(message.attempts) tries. Last answer: \(reason.prefix(400))" }
                try db.audit("mail.failed", by: nil, on: "outboxMessage", id: message.id, detail: message.lastError ?? "", at: now)
            }
            try message.update(db)
        }
    }

    /// Puts a failed mail back in the queue, for an admin who fixed the cause.
    public func retryMail(id: Int64, viewer: Viewer, now: Date = Date()) async throws {
        guard viewer.mayAdminister else { throw MailError.notAllowed }
        try await writer.write { db in
            guard var message = try OutboxMessage.fetchOne(db, id: id) else { throw MailError.messageNotFound }
            guard message.state == .failed else { return }
            message.state = .queued
            message.nextAttemptAt = now
            try message.update(db)
            try db.audit("mail.retry", by: viewer.id, on: "outboxMessage", id: id, at: now)
        }
    }

    public func outboxOverview(viewer: Viewer, limit: Int = 100) async throws -> OutboxOverview {
        guard viewer.mayAdminister else { throw MailError.notAllowed }
        return try await reader.read { db in
            let counts = try Row.fetchAll(db, sql: """
                SELECT state, COUNT(*), SUM(attempts > 0 AND state = 'queued') FROM outboxMessage GROUP BY state
                """)
            func count(_ state: String) -> Int { counts.first { $0[0] == state }.map { $0[1] } ?? 0 }
            let retrying = counts.first { $0[0] == "queued" }.map { $0[2] as Int? ?? 0 } ?? 0
            let latest = try OutboxMessage.order(OutboxMessage.Columns.id.desc).limit(limit).fetchAll(db)
            return OutboxOverview(queued: count("queued"), sent: count("sent"), failed: count("failed"),
                                  retrying: retrying, latest: latest)
        }
    }

    public func outboxMessage(id: Int64, viewer: Viewer) async throws -> OutboxMessage {
        guard viewer.mayAdminister else { throw MailError.notAllowed }
        guard let message = try await reader.read({ db in try OutboxMessage.fetchOne(db, id: id) }) else {
            throw MailError.messageNotFound
        }
        return message
    }
}
