import GRDB

/// What a viewer may do with one post, worked out once from the viewer and the board's
/// moderators. The thread page shows the buttons these allow and the writes check them.
public struct PostAbilities: Sendable, Equatable {
    let isAuthor: Bool
    let isAdmin: Bool
    let moderatesBoard: Bool
    /// Neither deleted by its author nor hidden by a moderator.
    public let isLive: Bool
    let isHidden: Bool
    let isDeleted: Bool

    init(_ post: Post, viewer: Viewer, moderatesBoard: Bool) {
        isAuthor = post.authorId == viewer.id
        isAdmin = viewer.isAdmin
        self.moderatesBoard = moderatesBoard
        isLive = !post.isRemoved
        isHidden = post.hiddenAt != nil
        isDeleted = post.deletedAt != nil
    }

    /// The author, or an admin, edits a post.
    public var canEdit: Bool { isLive && (isAuthor || isAdmin) }
    /// The author, or a moderator of the board, deletes it.
    public var canDelete: Bool { isLive && (isAuthor || moderatesBoard) }
    /// A moderator hides someone else's post.
    public var canHide: Bool { isLive && moderatesBoard && !isAuthor }
    /// A moderator shows again a post that was hidden (and not deleted since).
    public var canUnhide: Bool { moderatesBoard && isHidden && !isDeleted }
    /// Anyone but the author flags it, or marks it helpful.
    public var canFlag: Bool { isLive && !isAuthor }
    public var canMarkHelpful: Bool { isLive && !isAuthor }

    func requireEdit() throws(BoardError) {
        guard isAuthor || isAdmin else { throw .notAllowed }
        guard isLive else { throw .postRemoved }
    }

    /// Deleting a deleted post again changes nothing, and is not refused.
    func requireDelete() throws(BoardError) {
        guard isAuthor || moderatesBoard else { throw .notAllowed }
    }

    func requireHide() throws(BoardError) {
        guard moderatesBoard, !isAuthor else { throw .notAllowed }
    }

    func requireUnhide() throws(BoardError) {
        guard moderatesBoard else { throw .notAllowed }
    }

    func requireFlag() throws(BoardError) {
        guard !isAuthor else { throw .notAllowed }
        guard isLive else { throw .postRemoved }
    }

    func requireMarkHelpful() throws(BoardError) {
        guard canMarkHelpful else { throw .notAllowed }
    }
}

extension BoardScope {
    func abilities(_ post: Post, on board: Board, _ db: GRDB.Database) throws -> PostAbilities {
        PostAbilities(post, viewer: viewer, moderatesBoard: try canModerate(board, db))
    }
}
