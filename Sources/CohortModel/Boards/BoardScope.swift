import GRDB

/// Which boards a viewer may read and moderate. Every board query goes through it,
/// so no page can show another cohort's boards by forgetting a check.
struct BoardScope {
    let viewer: Viewer

    private var cohortIds: [Int64] { Array(viewer.cohortRoles.keys) }
    private var facilitatedIds: [Int64] { viewer.cohortRoles.filter { $0.value == .facilitator }.map(\.key) }

    /// An SQL condition on `board` (aliased as `table`) that is true for readable boards.
    func readable(_ table: String = "board") -> SQL {
        if viewer.isAdmin { return "1" }
        if cohortIds.isEmpty { return "0" }
        return """
            (\(sql: table).cohortId IN \(cohortIds) OR (\(sql: table).cohortId IS NULL AND \(sql: table).programId IN \
            (SELECT programId FROM cohort WHERE id IN \(cohortIds))))
            """
    }

    func canRead(_ board: Board, _ db: Database) throws -> Bool {
        if viewer.isAdmin { return true }
        if let cohortId = board.cohortId { return viewer.canSee(cohortId: cohortId) }
        return try inProgram(board.programId, cohorts: cohortIds, db)
    }

    /// Admins, and facilitators of the board's cohort (of any cohort of the programme
    /// for programme-wide boards).
    func canModerate(_ board: Board, _ db: Database) throws -> Bool {
        if viewer.isAdmin { return true }
        if let cohortId = board.cohortId { return viewer.canManage(cohortId: cohortId) }
        return try inProgram(board.programId, cohorts: facilitatedIds, db)
    }

    /// The board, if the viewer may read it; otherwise "not found".
    func readableBoard(id: Int64, _ db: Database) throws -> Board {
        guard let board = try Board.fetchOne(db, id: id), try canRead(board, db) else { throw BoardError.boardNotFound }
        return board
    }

    func readableTopic(id: Int64, _ db: Database) throws -> (Topic, Board) {
        guard let topic = try Topic.fetchOne(cached: db, id: id), let board = try Board.fetchOne(cached: db, id: topic.boardId),
            try canRead(board, db)
        else { throw BoardError.topicNotFound }
        return (topic, board)
    }

    func readablePost(id: Int64, _ db: Database) throws -> (Post, Topic, Board) {
        guard let post = try Post.fetchOne(db, id: id) else { throw BoardError.postNotFound }
        do {
            let (topic, board) = try readableTopic(id: post.topicId, db)
            return (post, topic, board)
        } catch BoardError.topicNotFound {
            throw BoardError.postNotFound
        }
    }

    private func inProgram(_ programId: Int64, cohorts: [Int64], _ db: Database) throws -> Bool {
        guard !cohorts.isEmpty else { return false }
        return try Bool.fetchOne(db, SQLRequest(literal: "SELECT EXISTS (SELECT 1 FROM cohort WHERE programId = \(programId) AND id IN \(cohorts))")) ?? false
    }
}
