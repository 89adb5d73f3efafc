import Foundation
import GRDB

extension AppDatabase {
    /// PLC boards: boards, threads (`topic`), posts with revisions, helpful votes,
    /// watching, notices, read positions, flags, feed tokens and the search index.
    static func createBoardsSchema(_ db: Database) throws {
        try db.create(table: "board") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("program", onDelete: .cascade).notNull()
            t.belongsTo("cohort", onDelete: .cascade)  // nil: every cohort of the programme
            t.belongsTo("courseSession")
            t.column("kind", .text).notNull().check { ["general", "questions", "session", "custom"].contains($0) }
            t.column("title", .text).notNull().check { length($0) > 0 && length($0) <= 80 }
            t.column("position", .integer).notNull()
            t.column("archivedAt", .datetime)
            t.column("topicCount", .integer).notNull().defaults(to: 0)
            t.column("postCount", .integer).notNull().defaults(to: 0)
            t.column("lastActivityAt", .datetime)
            t.column("createdAt", .datetime).notNull()
        }

        try db.create(table: "topic") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("board", onDelete: .cascade).notNull()
            t.belongsTo("author", inTable: "user").notNull()
            t.column("title", .text).notNull().check { length($0) > 0 && length($0) <= 150 }
            t.column("kind", .text).notNull().check { ["discussion", "question"].contains($0) }
            t.column("acceptedPostId", .integer).references("post", column: "id", onDelete: .setNull)
            t.column("pinned", .boolean).notNull().defaults(to: false)
            t.column("locked", .boolean).notNull().defaults(to: false)
            t.column("replyCount", .integer).notNull().defaults(to: 0)
            t.column("lastPostId", .integer).notNull().defaults(to: 0)
            t.column("lastPosterId", .integer).references("user", column: "id", onDelete: .setNull)
            t.column("lastActivityAt", .datetime).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        // The board page: pinned first, then by last activity, paged by key.
        try db.create(index: "topic_on_board_page", on: "topic",
                      columns: ["boardId", "pinned", "lastActivityAt", "id"])

        try db.create(table: "post") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("topic", onDelete: .cascade).notNull()
            t.belongsTo("author", inTable: "user").notNull()
            t.column("parentId", .integer).references("post", column: "id", onDelete: .setNull)
            t.column("depth", .integer).notNull().defaults(to: 0)
            t.column("source", .text).notNull()
            t.column("html", .text).notNull()
            t.column("helpfulCount", .integer).notNull().defaults(to: 0)
            t.column("createdAt", .datetime).notNull()
            t.column("editedAt", .datetime)
            t.column("deletedAt", .datetime)
            t.column("hiddenAt", .datetime)
            t.column("hiddenReason", .text)
            t.column("hiddenById", .integer).references("user", column: "id", onDelete: .setNull)
        }
        try db.create(index: "post_by_author_time", on: "post", columns: ["authorId", "createdAt"])

        try db.create(table: "postRevision") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("post", onDelete: .cascade).notNull()
            t.belongsTo("editor", inTable: "user")
            t.column("source", .text).notNull()
            t.column("html", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }

        try db.create(table: "helpfulVote") { t in
            t.belongsTo("post", onDelete: .cascade).notNull()
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.primaryKey(["postId", "userId"])
        }

        try db.create(table: "watch") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.belongsTo("topic", onDelete: .cascade)
            t.belongsTo("board", onDelete: .cascade)
            t.check(sql: "(topicId IS NULL) <> (boardId IS NULL)")
            t.uniqueKey(["userId", "topicId"])
            t.uniqueKey(["userId", "boardId"])
        }

        try db.create(table: "notice") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("kind", .text).notNull()
            t.belongsTo("actor", inTable: "user", onDelete: .setNull)
            t.belongsTo("topic", onDelete: .cascade)
            t.belongsTo("post", onDelete: .cascade)
            t.column("text", .text).notNull()
            t.column("link", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("readAt", .datetime)
        }
        try db.create(index: "notice_unread", on: "notice", columns: ["userId", "readAt", "id"])

        try db.create(table: "topicVisit") { t in
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.belongsTo("topic", onDelete: .cascade).notNull()
            t.column("lastSeenPostId", .integer).notNull()
            t.primaryKey(["userId", "topicId"])
        }

        try db.create(table: "postFlag") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("post", onDelete: .cascade).notNull()
            t.belongsTo("reporter", inTable: "user", onDelete: .cascade).notNull()
            t.column("reason", .text).notNull().check { length($0) > 0 && length($0) <= 500 }
            t.column("createdAt", .datetime).notNull()
            t.column("resolvedAt", .datetime)
            t.column("resolution", .text)
            t.belongsTo("resolvedBy", inTable: "user", onDelete: .setNull)
            t.uniqueKey(["postId", "reporterId"])
        }

        try db.create(table: "feedToken") { t in
            t.primaryKey("userId", .integer).references("user", onDelete: .cascade)
            t.column("token", .text).notNull().unique()
        }

        // One row per visible post (rowid = post id): the thread title on opening
        // posts, and the post's source text.
        try db.create(virtualTable: "postSearch", using: FTS5()) { t in
            t.tokenizer = .porter(wrapping: .unicode61())
            t.column("title")
            t.column("body")
        }

        // Cohorts created before boards existed get theirs now.
        for cohortId in try Int64.fetchAll(db, sql: "SELECT id FROM cohort") {
            try insertStandardBoards(db, cohortId: cohortId, now: Date())
        }
    }
}
