import Foundation
import GRDB

extension AppDatabase {
    public static let topicsPerPage = 30

    /// A cohort's boards and its programme's boards, in order; archived ones last.
    public func boards(forCohort cohortId: Int64, viewer: Viewer) async throws -> [BoardSummary] {
        try viewer.requireSee(cohortId: cohortId)
        return try await reader.read { db in
            guard let cohort = try Cohort.fetchOne(db, id: cohortId) else { throw CohortError.cohortNotFound }
            let boards = try Board
                .filter(Board.Columns.cohortId == cohortId
                    || (Board.Columns.cohortId == nil && Board.Columns.programId == cohort.programId))
                .order(Board.Columns.archivedAt != nil, Board.Columns.cohortId == nil, Board.Columns.position)
                .fetchAll(db)
            let scope = BoardScope(viewer: viewer)
            return try boards.map {
                BoardSummary(board: $0, cohortName: $0.cohortId == nil ? nil : cohort.name, abilities: try scope.abilities($0, db))
            }
        }
    }

    /// One page of a board's threads: pinned first, then by last activity.
    public func boardPage(id: Int64, viewer: Viewer, after key: TopicPageKey? = nil,
                          limit: Int = topicsPerPage) async throws -> BoardPage {
        try await reader.read { db in
            let scope = BoardScope(viewer: viewer)
            let board = try scope.readableBoard(id: id, db)
            var condition: SQL = "topic.boardId = \(id)"
            if let key {
                condition = "\(condition) AND (topic.pinned, topic.lastActivityAt, topic.id) < (\(key.pinned), \(key.lastActivityAt), \(key.id))"
            }
            let rows = try Row.fetchAll(db, SQLRequest(literal: """
                SELECT topic.*, author.name AS authorName, poster.name AS lastPosterName,
                       (visit.lastSeenPostId IS NULL OR visit.lastSeenPostId < topic.lastPostId) AS unread
                FROM topic
                JOIN user author ON author.id = topic.authorId
                LEFT JOIN user poster ON poster.id = topic.lastPosterId
                LEFT JOIN topicVisit visit ON visit.topicId = topic.id AND visit.userId = \(viewer.id)
                WHERE \(condition)
                ORDER BY topic.pinned DESC, topic.lastActivityAt DESC, topic.id DESC
                LIMIT \(limit + 1)
                """))
            let topics = try rows.prefix(limit).map { row in
                TopicRow(topic: try Topic(row: row), authorName: row["authorName"], lastPosterName: row["lastPosterName"],
                         unread: row["unread"])
            }
            let next = rows.count > limit ? topics.last.map {
                TopicPageKey(pinned: $0.topic.pinned, lastActivityAt: $0.topic.lastActivityAt, id: $0.topic.id!)
            } : nil
            return BoardPage(
                board: board, cohortName: try cohortName(board, db), topics: topics, nextPage: next,
                abilities: try scope.abilities(board, db),
                watching: try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM watch WHERE userId = ? AND boardId = ?)",
                                            arguments: [viewer.id, id]) ?? false)
        }
    }

    /// Facilitators and admins add boards to a cohort; admins add programme-wide
    /// boards (`cohortId` nil) that every cohort of the programme shares.
    @discardableResult
    public func addBoard(title: String, cohortId: Int64?, viewer: Viewer, now: Date = Date()) async throws -> Board {
        let title = try PostingLimits().checkedTitle(title)
        guard title.unicodeScalars.count <= 80 else { throw BoardError.titleTooLong(maximum: 80) }
        if let cohortId { try viewer.requireManage(cohortId: cohortId) } else if !viewer.isAdmin { throw BoardError.notAllowed }
        return try await writer.write { db in
            let programId: Int64
            if let cohortId {
                guard let cohort = try Cohort.fetchOne(db, id: cohortId) else { throw CohortError.cohortNotFound }
                programId = cohort.programId
            } else {
                programId = try Program.filter(Program.Columns.slug == BuiltInProgram.slug).fetchOne(db)!.id!
            }
            let position = (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM board WHERE programId = ? AND cohortId IS ?",
                                             arguments: [programId, cohortId]) ?? 0) + 1
            var board = Board(programId: programId, cohortId: cohortId, kind: .custom, title: title, position: position,
                              topicCount: 0, postCount: 0, createdAt: now)
            try board.insert(db)
            try db.audit("board.add", by: viewer.id, on: "board", id: board.id, detail: title, at: now)
            return board
        }
    }

    public func renameBoard(id: Int64, to title: String, viewer: Viewer, now: Date = Date()) async throws {
        let title = try PostingLimits().checkedTitle(title)
        guard title.unicodeScalars.count <= 80 else { throw BoardError.titleTooLong(maximum: 80) }
        try await editBoard(id: id, viewer: viewer) { db, board in
            let old = board.title
            board.title = title
            try db.audit("board.rename", by: viewer.id, on: "board", id: id, detail: "\(old) -> \(title)", at: now)
        }
    }

    /// Archiving keeps a board readable and stops new threads and replies in it.
    public func setBoardArchived(id: Int64, _ archived: Bool, viewer: Viewer, now: Date = Date()) async throws {
        try await editBoard(id: id, viewer: viewer) { db, board in
            board.archivedAt = archived ? now : nil
            try db.audit(archived ? "board.archive" : "board.unarchive", by: viewer.id, on: "board", id: id, at: now)
        }
    }

    public func setWatching(boardId: Int64, _ watching: Bool, viewer: Viewer) async throws {
        try await writer.write { db in
            _ = try BoardScope(viewer: viewer).readableBoard(id: boardId, db)
            if watching {
                try db.execute(sql: "INSERT OR IGNORE INTO watch (userId, boardId) VALUES (?, ?)", arguments: [viewer.id, boardId])
            } else {
                try db.execute(sql: "DELETE FROM watch WHERE userId = ? AND boardId = ?", arguments: [viewer.id, boardId])
            }
        }
    }

    private func editBoard(id: Int64, viewer: Viewer, change: @escaping @Sendable (Database, inout Board) throws -> Void)
        async throws
    {
        try await writer.write { db in
            let scope = BoardScope(viewer: viewer)
            var board = try scope.readableBoard(id: id, db)
            try scope.abilities(board, db).requireEdit()
            try change(db, &board)
            try board.update(db)
        }
    }

    func cohortName(_ board: Board, _ db: Database) throws -> String? {
        guard let cohortId = board.cohortId else { return nil }
        return try String.fetchOne(db, sql: "SELECT name FROM cohort WHERE id = ?", arguments: [cohortId])
    }
}

extension AppDatabase {
    /// Every board the viewer may read, for the search filter.
    public func readableBoards(viewer: Viewer) async throws -> [Board] {
        try await reader.read { db in
            try Board.fetchAll(db, SQLRequest<Board>(literal: """
                SELECT board.* FROM board WHERE \(BoardScope(viewer: viewer).readable())
                ORDER BY board.cohortId IS NULL, board.cohortId, board.position
                """))
        }
    }
}

extension AppDatabase {
    /// One board the viewer may read.
    public func board(id: Int64, viewer: Viewer) async throws -> Board {
        try await reader.read { db in try BoardScope(viewer: viewer).readableBoard(id: id, db) }
    }
}
