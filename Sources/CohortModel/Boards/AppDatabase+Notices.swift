import Foundation
import GRDB

extension AppDatabase {
    /// The viewer's latest notices, unread first.
    public func notices(for viewer: Viewer, limit: Int = 50) async throws -> [Notice] {
        try await reader.read { db in
            try Notice.filter(Notice.Columns.userId == viewer.id)
                .order(Notice.Columns.readAt != nil, Notice.Columns.id.desc)
                .limit(limit)
                .fetchAll(db)
        }
    }

    /// The notifications page: newest first, many replies in one thread as one line.
    public func noticeGroups(for viewer: Viewer, limit: Int = 50) async throws -> [NoticeGroup] {
        let rows = try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT notice.*, user.name AS actorName, topic.title AS topicTitle FROM notice
                LEFT JOIN user ON user.id = notice.actorId LEFT JOIN topic ON topic.id = notice.topicId
                WHERE notice.userId = ? ORDER BY notice.createdAt DESC, notice.id DESC LIMIT 1000
                """, arguments: [viewer.id])
                .map { (notice: try Notice(row: $0), actorName: $0["actorName"] as String?, topicTitle: $0["topicTitle"] as String?) }
        }
        return Array(NoticeGroup.grouping(rows).prefix(limit))
    }

    /// Replies and mentions for the dashboard's "replies to me".
    public func repliesToMe(viewer: Viewer, limit: Int = 5) async throws -> [Notice] {
        try await reader.read { db in
            try Notice.filter(Notice.Columns.userId == viewer.id)
                .filter([Notice.Kind.reply, .mention, .accepted].contains(Notice.Columns.kind))
                .order(Notice.Columns.readAt != nil, Notice.Columns.id.desc)
                .limit(limit)
                .fetchAll(db)
        }
    }

    public func unreadNoticeCount(userId: Int64) async throws -> Int {
        try await reader.read { db in
            try Notice.filter(Notice.Columns.userId == userId && Notice.Columns.readAt == nil).fetchCount(db)
        }
    }

    /// Marks one notice read and returns where it points (only the viewer's own).
    public func openNotice(id: Int64, viewer: Viewer, now: Date = Date()) async throws -> String {
        try await writer.write { db in
            guard var notice = try Notice.fetchOne(db, id: id), notice.userId == viewer.id else {
                throw BoardError.postNotFound
            }
            changes.onlyChanges(seenBy: viewer.id)
            if notice.readAt == nil {
                notice.readAt = now
                try notice.update(db)
            }
            return notice.link
        }
    }

    public func markAllNoticesRead(viewer: Viewer, now: Date = Date()) async throws {
        try await writer.write { db in
            changes.onlyChanges(seenBy: viewer.id)
            _ = try Notice.filter(Notice.Columns.userId == viewer.id && Notice.Columns.readAt == nil)
                .updateAll(db, Notice.Columns.readAt.set(to: now))
        }
    }
}
