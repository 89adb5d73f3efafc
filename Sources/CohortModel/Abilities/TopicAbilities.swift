import GRDB

/// What a viewer may do with a thread as a whole, worked out once from the viewer and the
/// board's moderators. The thread page shows what these allow and the writes check them.
public struct TopicAbilities: Sendable, Equatable {
    let isAuthor: Bool
    let isQuestion: Bool
    let isLocked: Bool
    let boardArchived: Bool
    /// Moderators (the board's facilitators and admins) pin, lock and move threads.
    public let canModerate: Bool

    init(_ topic: Topic, on board: Board, viewer: Viewer, moderatesBoard: Bool) {
        isAuthor = topic.authorId == viewer.id
        isQuestion = topic.kind == .question
        isLocked = topic.locked
        boardArchived = board.archivedAt != nil
        canModerate = moderatesBoard
    }

    /// The asker, or a moderator, accepts an answer to a question.
    public var canAccept: Bool { isQuestion && (isAuthor || canModerate) }
    /// Anyone who reads the thread replies, unless its board is archived or it is locked
    /// (moderators still reply to a locked thread).
    public var canReply: Bool { !boardArchived && (!isLocked || canModerate) }

    func requireReply() throws(BoardError) {
        if boardArchived { throw .boardArchived }
        guard canReply else { throw .topicLocked }
    }

    func requireAccept() throws(BoardError) {
        guard isAuthor || canModerate else { throw .notAllowed }
        guard isQuestion else { throw .notAQuestion }
    }

    func requireModerate() throws(BoardError) {
        guard canModerate else { throw .notAllowed }
    }
}

extension BoardScope {
    func abilities(_ topic: Topic, on board: Board, _ db: Database) throws -> TopicAbilities {
        TopicAbilities(topic, on: board, viewer: viewer, moderatesBoard: try canModerate(board, db))
    }
}
