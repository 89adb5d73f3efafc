import Foundation
import GRDB

/// An open flag as the moderation queue shows it.
public struct FlagItem: Sendable {
    public let flag: PostFlag
    public let post: Post
    public let topicTitle: String
    public let boardTitle: String
    public let authorName: String
    public let reporterName: String
}

extension AppDatabase {
    /// A member reports a post for a moderator to look at.
    public func flagPost(id: Int64, reason: String, viewer: Viewer, now: Date = Date()) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.unicodeScalars.count <= 500 else { throw BoardError.reasonRequired }
        try await writer.write { db in
            let scope = BoardScope(viewer: viewer)
            let (post, _, board) = try scope.readablePost(id: id, db)
            try scope.abilities(post, on: board, db).requireFlag()
            guard try PostFlag.filter(PostFlag.Columns.postId == id).filter(Column("reporterId") == viewer.id)
                .fetchCount(db) == 0
            else { throw BoardError.alreadyFlagged }
            var flag = PostFlag(postId: id, reporterId: viewer.id, reason: reason, createdAt: now)
            try flag.insert(db)
        }
    }

    /// Open flags on the boards the viewer moderates, oldest first.
    public func flagQueue(viewer: Viewer) async throws -> [FlagItem] {
        try await reader.read { db in
            let scope = BoardScope(viewer: viewer)
            let rows = try Row.fetchAll(db, sql: """
                SELECT postFlag.*, topic.title AS topicTitle, board.id AS boardId, board.title AS boardTitle,
                       author.name AS authorName, reporter.name AS reporterName
                FROM postFlag
                JOIN post ON post.id = postFlag.postId
                JOIN topic ON topic.id = post.topicId
                JOIN board ON board.id = topic.boardId
                JOIN user author ON author.id = post.authorId
                JOIN user reporter ON reporter.id = postFlag.reporterId
                WHERE postFlag.resolvedAt IS NULL
                ORDER BY postFlag.id
                """)
            var items: [FlagItem] = []
            for row in rows {
                guard let board = try Board.fetchOne(db, id: row["boardId"]), try scope.canModerate(board, db),
                    let post = try Post.fetchOne(db, id: row["postId"])
                else { continue }
                items.append(FlagItem(flag: try PostFlag(row: row), post: post, topicTitle: row["topicTitle"],
                                      boardTitle: row["boardTitle"], authorName: row["authorName"],
                                      reporterName: row["reporterName"]))
            }
            return items
        }
    }

    /// Hides a post with a reason shown in its place; resolves its open flags.
    public func hidePost(id: Int64, reason: String, viewer: Viewer, now: Date = Date()) async throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.unicodeScalars.count <= 500 else { throw BoardError.reasonRequired }
        try await writer.write { db in
            let scope = BoardScope(viewer: viewer)
            var (post, topic, board) = try scope.readablePost(id: id, db)
            try scope.abilities(post, on: board, db).requireHide()
            post.hiddenAt = now
            post.hiddenReason = reason
            post.hiddenById = viewer.id
            try post.update(db)
            try db.execute(sql: "DELETE FROM postSearch WHERE rowid = ?", arguments: [id])
            if topic.acceptedPostId == id {
                topic.acceptedPostId = nil
                try topic.update(db)
            }
            try Self.resolveFlags(db, postId: id, resolution: "hidden", by: viewer.id, now: now)
            try db.audit("post.hide", by: viewer.id, on: "post", id: id, detail: reason, at: now)
        }
    }

    /// A moderator shows a hidden post again, as it was; showing a visible one changes nothing.
    public func unhidePost(id: Int64, viewer: Viewer, now: Date = Date()) async throws {
        try await writer.write { db in
            let scope = BoardScope(viewer: viewer)
            var (post, topic, board) = try scope.readablePost(id: id, db)
            try scope.abilities(post, on: board, db).requireUnhide()
            guard post.hiddenAt != nil else { return }
            guard post.deletedAt == nil else { throw BoardError.postRemoved }
            post.hiddenAt = nil
            post.hiddenReason = nil
            post.hiddenById = nil
            try post.update(db)
            try Self.index(db, post: post, title: post.depth == 0 ? topic.title : "")
            try db.audit("post.unhide", by: viewer.id, on: "post", id: id, at: now)
        }
    }

    /// Leaves the post as it is and closes the flag.
    public func dismissFlag(id: Int64, viewer: Viewer, now: Date = Date()) async throws {
        try await writer.write { db in
            guard let flag = try PostFlag.fetchOne(db, id: id), flag.resolvedAt == nil else { throw BoardError.postNotFound }
            let scope = BoardScope(viewer: viewer)
            let (_, _, board) = try scope.readablePost(id: flag.postId, db)
            guard try scope.canModerate(board, db) else { throw BoardError.notAllowed }
            try db.execute(sql: "UPDATE postFlag SET resolvedAt = ?, resolution = 'dismissed', resolvedById = ? WHERE id = ?",
                           arguments: [now, viewer.id, id])
            try db.audit("flag.dismiss", by: viewer.id, on: "post", id: flag.postId, detail: flag.reason, at: now)
        }
    }

    private static func resolveFlags(_ db: Database, postId: Int64, resolution: String, by userId: Int64, now: Date) throws {
        try db.execute(sql: """
            UPDATE postFlag SET resolvedAt = ?, resolution = ?, resolvedById = ? WHERE postId = ? AND resolvedAt IS NULL
            """, arguments: [now, resolution, userId, postId])
    }
}
