import CohortURLs
import Foundation
import GRDB

/// Turns in-app notices into mail by each person's choices: at once (unless seen in
/// the browser first), in a daily or weekly summary of what they have not seen, or
/// not at all. Each notice is decided once (`mailHandledAt`), in the same
/// transaction as the mail it causes, so a restart neither repeats nor loses one.
extension AppDatabase {
    struct PendingNotice {
        let notice: Notice
        let seen: Bool
        let user: User
    }

    enum NoticeDecision {
        case drop(Int64)
        case mail(PendingNotice, MailTopic)
        case summary(PendingNotice, MailTopic, weekly: Bool)

        var noticeId: Int64 {
            switch self {
            case .drop(let id): id
            case .mail(let pending, _), .summary(let pending, _, _): pending.notice.id!
            }
        }
    }

    /// Queues the notice mail that has fallen due; returns how many mails were queued.
    @discardableResult
    public func queueNoticeMail(schedule: MailSchedule, now: Date = Date()) async throws -> Int {
        // Most passes find nothing to do; an empty write would still outdate every cached page.
        let due = try await reader.read { db in try Self.noticeDecisions(db, schedule: schedule, now: now) }
        guard !due.isEmpty else { return 0 }
        return try await writer.write { db in
            let decisions = try Self.noticeDecisions(db, schedule: schedule, now: now)
            var queued = 0
            var summaries: [String: (User, Bool, [(PendingNotice, MailTopic)])] = [:]
            for decision in decisions {
                switch decision {
                case .drop: break
                case .mail(let pending, let topic):
                    try db.queueMail(.notification, to: MailRecipient(pending.user),
                                     try Self.noticeContent(db, pending, topic: topic), now: now)
                    queued += 1
                case .summary(let pending, let topic, let weekly):
                    let key = "\(pending.user.id!) \(weekly)"
                    summaries[key, default: (pending.user, weekly, [])].2.append((pending, topic))
                }
                try db.execute(sql: "UPDATE notice SET mailHandledAt = ? WHERE id = ?", arguments: [now, decision.noticeId])
            }
            for (user, weekly, entries) in summaries.values.sorted(by: { $0.0.id! < $1.0.id! }) {
                try db.queueMail(.summary, to: MailRecipient(user), try Self.summaryContent(db, user: user, weekly: weekly, entries: entries), now: now)
                queued += 1
            }
            return queued
        }
    }

    static func noticeDecisions(_ db: Database, schedule: MailSchedule, now: Date) throws -> [NoticeDecision] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT notice.*, (notice.readAt IS NOT NULL OR EXISTS (
                       SELECT 1 FROM topicVisit WHERE topicVisit.userId = notice.userId AND topicVisit.topicId = notice.topicId
                       AND topicVisit.lastSeenPostId >= notice.postId)) AS seen
            FROM notice WHERE notice.mailHandledAt IS NULL ORDER BY notice.id
            """)
        var users: [Int64: User] = [:]
        var preferences: [Int64: MailPreferences] = [:]
        var decisions: [NoticeDecision] = []
        for row in rows {
            let notice = try Notice(row: row)
            guard let user = try users[notice.userId] ?? User.fetchOne(db, id: notice.userId) else { continue }
            users[notice.userId] = user
            let choices = try preferences[user.id!] ?? mailPreferences(db, userId: user.id!)
            preferences[user.id!] = choices
            guard let topic = MailTopic(notice: notice.kind), user.isActive, !(row["seen"] as Bool),
                  now.timeIntervalSince(notice.createdAt) < schedule.noticeMaximumAge
            else { decisions.append(.drop(notice.id!)); continue }
            let pending = PendingNotice(notice: notice, seen: false, user: user)
            let zone = user.timeZone.flatMap(TimeZone.init(identifier:)) ?? .gmt
            switch choices[topic] {
            case .off: decisions.append(.drop(notice.id!))
            case .immediately:
                if notice.createdAt.addingTimeInterval(schedule.noticeDelay) <= now { decisions.append(.mail(pending, topic)) }
            case .daily, .weekly:
                let weekly = choices[topic] == .weekly
                if schedule.nextSummary(after: notice.createdAt, weekly: weekly, zone: zone) <= now {
                    decisions.append(.summary(pending, topic, weekly: weekly))
                }
            }
        }
        return decisions
    }

    private static func noticeContent(_ db: Database, _ pending: PendingNotice, topic: MailTopic) throws -> MailContent {
        var paragraphs = ["\(pending.notice.text)."]
        if let postId = pending.notice.postId,
           let source = try String.fetchOne(db, sql: "SELECT source FROM post WHERE id = ? AND deletedAt IS NULL", arguments: [postId]) {
            paragraphs.append(source.count > 600 ? String(source.prefix(600)) + "…" : source)
        }
        return MailContent(
            subject: pending.notice.text, greeting: MailContent.hello(pending.user.name), paragraphs: paragraphs,
            action: .init(label: "Open in Cohort", path: pending.notice.link),
            unsubscribe: try unsubscribe(db, userId: pending.user.id!, topics: [topic]))
    }

    private static func summaryContent(_ db: Database, user: User, weekly: Bool,
                                       entries: [(PendingNotice, MailTopic)]) throws -> MailContent {
        let count = entries.count
        let things = count == 1 ? "1 thing" : "\(count) things"
        return MailContent(
            subject: "Your \(weekly ? "weekly" : "daily") Cohort summary: \(things) you have not seen",
            greeting: MailContent.hello(user.name),
            paragraphs: ["Here is what happened in Cohort that you have not seen yet."],
            action: .init(label: "Open your notifications", path: SiteURL.notifications.path),
            items: entries.map { pending, _ in
                .init(text: pending.notice.text, path: pending.notice.link,
                      when: MailTime.describe(pending.notice.createdAt, zone: user.timeZone))
            },
            unsubscribe: try unsubscribe(db, userId: user.id!, topics: Array(Set(entries.map(\.1))).sorted { $0.rawValue < $1.rawValue }))
    }
}
