import Foundation
import GRDB

/// One entry of a board's Atom feed.
public struct FeedEntry: Sendable {
    public let post: Post
    public let topicTitle: String
    public let authorName: String
}

extension AppDatabase {
    /// The viewer's private feed token, made on first use.
    public func feedToken(for viewer: Viewer) async throws -> String {
        try await writer.write { db in
            if let token = try String.fetchOne(db, sql: "SELECT token FROM feedToken WHERE userId = ?", arguments: [viewer.id]) {
                return token
            }
            let token = SecureToken.generate()
            try db.execute(sql: "INSERT INTO feedToken (userId, token) VALUES (?, ?)", arguments: [viewer.id, token])
            return token
        }
    }

    /// A board's latest posts for the member whose token this is; not found for any
    /// other token or board.
    public func feed(boardId: Int64, token: String, limit: Int = 50) async throws -> (Board, [FeedEntry]) {
        try await reader.read { db in
            guard let userId = try Int64.fetchOne(db, sql: "SELECT userId FROM feedToken WHERE token = ?", arguments: [token]),
                let user = try User.fetchOne(db, id: userId)
            else { throw BoardError.boardNotFound }
            let roles = try Membership.filter(Membership.Columns.userId == userId).fetchAll(db)
            let viewer = Viewer(user: user, cohortRoles: Dictionary(roles.map { ($0.cohortId, $0.role) }, uniquingKeysWith: { a, _ in a }))
            let board = try BoardScope(viewer: viewer).readableBoard(id: boardId, db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT post.*, topic.title AS topicTitle, user.name AS authorName
                FROM post JOIN topic ON topic.id = post.topicId JOIN user ON user.id = post.authorId
                WHERE topic.boardId = ? AND post.deletedAt IS NULL AND post.hiddenAt IS NULL
                ORDER BY post.id DESC LIMIT ?
                """, arguments: [boardId, limit])
            return (board, try rows.map { FeedEntry(post: try Post(row: $0), topicTitle: $0["topicTitle"], authorName: $0["authorName"]) })
        }
    }
}

extension AppDatabase {
    /// The viewer's feed token if they made one.
    public func existingFeedToken(for viewer: Viewer) async throws -> String? {
        try await reader.read { db in
            try String.fetchOne(db, sql: "SELECT token FROM feedToken WHERE userId = ?", arguments: [viewer.id])
        }
    }
}
