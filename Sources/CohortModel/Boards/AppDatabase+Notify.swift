import CohortURLs
import Foundation
import GRDB

extension AppDatabase {
    /// Who hears about a new post, each once, never the author: the person replied
    /// to, everyone mentioned, then those watching the thread, then (for a new thread)
    /// those watching the board.
    static func notifyNewPost(_ db: Database, post: Post, topic: Topic, board: Board, author: User, now: Date) throws {
        var notified: Set<Int64> = [author.id!]
        if post.depth > 0 {
            let repliedTo = try post.parentId.flatMap { try Post.fetchOne(db, id: $0)?.authorId } ?? topic.authorId
            if notified.insert(repliedTo).inserted {
                try notice(db, to: repliedTo, kind: .reply, actor: author, topic: topic, post: post,
                           text: "\(author.name) replied to you in “\(topic.title)”", now: now)
            }
        }
        notified.formUnion(try notifyMentions(db, post: post, previousSource: nil, topic: topic, board: board,
                                              author: author, alreadyNotified: notified, now: now))
        let topicWatchers = try Int64.fetchAll(db, sql: "SELECT userId FROM watch WHERE topicId = ?", arguments: [topic.id!])
        for userId in topicWatchers where notified.insert(userId).inserted && post.depth > 0 {
            try notice(db, to: userId, kind: .watchedTopic, actor: author, topic: topic, post: post,
                       text: "\(author.name) replied in “\(topic.title)”", now: now)
        }
        if post.depth == 0 {
            let boardWatchers = try Int64.fetchAll(db, sql: "SELECT userId FROM watch WHERE boardId = ?", arguments: [board.id!])
            for userId in boardWatchers where notified.insert(userId).inserted {
                try notice(db, to: userId, kind: .watchedBoard, actor: author, topic: topic, post: post,
                           text: "\(author.name) started “\(topic.title)” in \(board.title)", now: now)
            }
        }
    }

    /// Who can be mentioned on a board: the members of its cohort, or of the programme's
    /// cohorts for a programme board.
    static func mentionCandidates(_ db: Database, board: Board) throws -> [Mentions.Candidate] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT user.id, user.name, user.email FROM membership
            JOIN user ON user.id = membership.userId
            JOIN cohort ON cohort.id = membership.cohortId
            WHERE user.deactivatedAt IS NULL AND ((? IS NOT NULL AND membership.cohortId = ?) OR (? IS NULL AND cohort.programId = ?))
            """, arguments: [board.cohortId, board.cohortId, board.cohortId, board.programId])
            .map { Mentions.Candidate(userId: $0[0], name: $0[1], email: $0[2]) }
    }

    /// Notifies members newly mentioned (not in `previousSource`) who can read the
    /// board. Returns who was notified.
    @discardableResult
    static func notifyMentions(_ db: Database, post: Post, previousSource: String?, topic: Topic, board: Board,
                               author: User, alreadyNotified: Set<Int64>, now: Date) throws -> Set<Int64> {
        guard post.source.contains("@") else { return [] }
        let candidates = try mentionCandidates(db, board: board)
        var mentioned = Mentions.mentioned(in: post.source, among: candidates)
        if let previousSource { mentioned.subtract(Mentions.mentioned(in: previousSource, among: candidates)) }
        mentioned.subtract(alreadyNotified)
        mentioned.remove(author.id!)
        for userId in mentioned {
            try notice(db, to: userId, kind: .mention, actor: author, topic: topic, post: post,
                       text: "\(author.name) mentioned you in “\(topic.title)”", now: now)
        }
        return mentioned
    }

    static func notice(_ db: Database, to userId: Int64, kind: Notice.Kind, actor: User, topic: Topic, post: Post,
                       text: String, now: Date) throws {
        var notice = Notice(userId: userId, kind: kind, actorId: actor.id, topicId: topic.id, postId: post.id,
                            text: text, link: SiteURL.post(post.id!, inThread: topic.id!), createdAt: now)
        try notice.insert(db)
    }
}
