import GRDB

/// What a viewer who reads a board may do with it.
public struct BoardAbilities: Sendable, Equatable {
    /// The board's facilitators (of its cohort, or of any cohort of the programme for a
    /// programme-wide board) and admins moderate its threads and posts.
    public let canModerate: Bool
    /// Renaming and archiving: a cohort's board by its moderators; a programme-wide
    /// board, which every cohort shares, by admins only (as only admins add one).
    public let canEdit: Bool

    init(_ board: Board, viewer: Viewer, moderates: Bool) {
        canModerate = moderates
        canEdit = board.isProgramWide ? viewer.isAdmin : moderates
    }

    func requireEdit() throws(BoardError) {
        guard canEdit else { throw .notAllowed }
    }
}

extension BoardScope {
    func abilities(_ board: Board, _ db: Database) throws -> BoardAbilities {
        BoardAbilities(board, viewer: viewer, moderates: try canModerate(board, db))
    }
}
