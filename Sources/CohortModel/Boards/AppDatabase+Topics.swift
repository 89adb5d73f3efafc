import Foundation
import GRDB

extension AppDatabase {
    /// Starts a thread: the thread, its opening post, the board's counters, the search
    /// index and the notices, in one transaction. The author watches their thread.
    public func startTopic(boardId: Int64, title: String, body: String, kind: Topic.Kind, viewer: Viewer,
                           limits: PostingLimits = PostingLimits(), submission: FormSubmission? = nil,
                           now: Date = Date()) async throws -> Topic {
        let title = try limits.checkedTitle(title)
        let body = try limits.checkedBody(body)
        let html = PostMarkdown.html(from: body)
        return try await writer.write { db in
            if let id = try db.earlierResult(of: submission, by: viewer.id), let topic = try Topic.fetchOne(db, id: id) {
                return topic
            }
            let scope = BoardScope(viewer: viewer)
            var board = try scope.readableBoard(id: boardId, db)
            if board.archivedAt != nil { throw BoardError.boardArchived }
            try limits.checkRate(db, authorId: viewer.id, topics: true, now: now)
            try limits.checkRate(db, authorId: viewer.id, topics: false, now: now)
            var topic = Topic(boardId: boardId, authorId: viewer.id, title: title, kind: kind, pinned: false,
                              locked: false, replyCount: 0, lastPostId: 0, lastPosterId: viewer.id,
                              lastActivityAt: now, createdAt: now)
            try topic.insert(db)
            var post = Post(topicId: topic.id!, authorId: viewer.id, depth: 0, source: body, html: html,
                            helpfulCount: 0, createdAt: now)
            try post.insert(db)
            topic.lastPostId = post.id!
            try topic.update(db)
            board.topicCount += 1
            board.postCount += 1
            board.lastActivityAt = now
            try board.update(db)
            try Self.index(db, post: post, title: title)
            try db.execute(sql: "INSERT OR IGNORE INTO watch (userId, topicId) VALUES (?, ?)", arguments: [viewer.id, topic.id!])
            try Self.markSeen(db, topicId: topic.id!, postId: post.id!, userId: viewer.id)
            try Self.notifyNewPost(db, post: post, topic: topic, board: board, author: viewer.user, now: now)
            try db.record(submission, created: topic.id!, by: viewer.id, now: now)
            try db.discardDraft(.thread(boardId: boardId), of: viewer.id)
            return topic
        }
    }

    /// The thread page: posts in threaded order, the accepted answer, what the viewer
    /// may do, and what is new to them since their last visit.
    public func thread(id: Int64, viewer: Viewer) async throws -> ThreadView {
        try await reader.read { db in
            let scope = BoardScope(viewer: viewer)
            let (topic, board) = try scope.readableTopic(id: id, db)
            let lastSeen = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT lastSeenPostId FROM topicVisit WHERE userId = ? AND topicId = ?"),
                arguments: [viewer.id, id]) ?? 0
            // Decoded in place and by position: looking columns up by name was the
            // largest part of the thread page's time in a profile.
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT \(Post.selection), user.name,
                       EXISTS (SELECT 1 FROM helpfulVote v WHERE v.postId = post.id AND v.userId = ?)
                FROM post JOIN user ON user.id = post.authorId
                WHERE post.topicId = ? ORDER BY post.id
                """), arguments: [viewer.id, id])
            var posts: [Post] = []
            var names: [Int64: String] = [:]
            var helpful: Set<Int64> = []
            while let row = try rows.next() {
                let post = Post(selectedRow: row)
                posts.append(post)
                names[post.id!] = row[Post.selectionCount]
                if row[Post.selectionCount + 1] { helpful.insert(post.id!) }
            }
            let isNew = { (post: Post) in lastSeen > 0 && post.id! > lastSeen }
            let moderatesBoard = try scope.canModerate(board, db)
            let ordered = ThreadOrder.arrange(posts).map { item in
                PostRow(post: item.post, authorName: names[item.post.id!] ?? "", displayDepth: item.displayDepth,
                        inReplyTo: item.shownFlatUnder.flatMap { names[$0] },
                        viewerFoundHelpful: helpful.contains(item.post.id!), isNew: isNew(item.post),
                        abilities: PostAbilities(item.post, viewer: viewer, moderatesBoard: moderatesBoard))
            }
            let newPosts = posts.filter(isNew)
            let unreadNotices = try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM notice WHERE userId = ? AND readAt IS NULL AND topicId = ?)
                """), arguments: [viewer.id, id]) ?? false
            return ThreadView(
                topic: topic, board: board, cohortName: try cohortName(board, db), posts: ordered,
                acceptedAnswer: ordered.first { $0.post.id == topic.acceptedPostId && !$0.post.isRemoved },
                abilities: TopicAbilities(topic, on: board, viewer: viewer, moderatesBoard: moderatesBoard),
                watching: try Bool.fetchOne(
                    db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM watch WHERE userId = ? AND topicId = ?)"),
                    arguments: [viewer.id, id]) ?? false,
                firstNewPostId: newPosts.first?.id, newCount: newPosts.count,
                isSeenUpToDate: lastSeen >= topic.lastPostId && !unreadNotices)
        }
    }

    /// Remembers how far the viewer has read a thread; its notices are read too.
    public func markThreadSeen(id: Int64, viewer: Viewer, now: Date = Date()) async throws {
        try await writer.write { db in
            let (topic, _) = try BoardScope(viewer: viewer).readableTopic(id: id, db)
            changes.onlyChanges(seenBy: viewer.id)
            try Self.markSeen(db, topicId: id, postId: topic.lastPostId, userId: viewer.id)
            try db.execute(sql: "UPDATE notice SET readAt = ? WHERE userId = ? AND topicId = ? AND readAt IS NULL",
                           arguments: [now, viewer.id, id])
        }
    }

    /// The question's author or a moderator accepts one reply as the answer (again
    /// on the same reply to withdraw it).
    public func acceptAnswer(topicId: Int64, postId: Int64, viewer: Viewer, now: Date = Date()) async throws {
        try await writer.write { db in
            let scope = BoardScope(viewer: viewer)
            var (topic, board) = try scope.readableTopic(id: topicId, db)
            let abilities = try scope.abilities(topic, on: board, db)
            try abilities.requireAccept()
            guard let post = try Post.fetchOne(db, id: postId), post.topicId == topicId, post.depth > 0,
                !post.isRemoved
            else { throw BoardError.notAnAnswer }
            topic.acceptedPostId = topic.acceptedPostId == postId ? nil : postId
            try topic.update(db)
            if topic.acceptedPostId != nil, post.authorId != viewer.id {
                try Self.notice(db, to: post.authorId, kind: .accepted, actor: viewer.user, topic: topic, post: post,
                                text: "\(viewer.user.name) accepted your answer in “\(topic.title)”", now: now)
            }
            if abilities.canModerate && topic.authorId != viewer.id {
                try db.audit("topic.accept", by: viewer.id, on: "topic", id: topicId, detail: "post \(postId)", at: now)
            }
        }
    }

    public func setPinned(topicId: Int64, _ pinned: Bool, viewer: Viewer, now: Date = Date()) async throws {
        try await moderateTopic(topicId, viewer: viewer) { db, topic, _ in
            topic.pinned = pinned
            try db.audit(pinned ? "topic.pin" : "topic.unpin", by: viewer.id, on: "topic", id: topicId, at: now)
        }
    }

    public func setLocked(topicId: Int64, _ locked: Bool, viewer: Viewer, now: Date = Date()) async throws {
        try await moderateTopic(topicId, viewer: viewer) { db, topic, _ in
            topic.locked = locked
            try db.audit(locked ? "topic.lock" : "topic.unlock", by: viewer.id, on: "topic", id: topicId, at: now)
        }
    }

    /// Moves a thread to another board the moderator runs, counters and all.
    public func moveTopic(_ topicId: Int64, toBoard targetId: Int64, viewer: Viewer, now: Date = Date()) async throws {
        try await moderateTopic(topicId, viewer: viewer) { db, topic, board in
            let scope = BoardScope(viewer: viewer)
            var target = try scope.readableBoard(id: targetId, db)
            guard try scope.canModerate(target, db) else { throw BoardError.notAllowed }
            guard target.id != board.id else { throw BoardError.alreadyOnBoard }
            let posts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post WHERE topicId = ?", arguments: [topicId]) ?? 0
            try db.execute(sql: "UPDATE board SET topicCount = topicCount - 1, postCount = postCount - ? WHERE id = ?",
                           arguments: [posts, board.id])
            target.topicCount += 1
            target.postCount += posts
            target.lastActivityAt = max(target.lastActivityAt ?? topic.lastActivityAt, topic.lastActivityAt)
            try target.update(db)
            topic.boardId = targetId
            try db.audit("topic.move", by: viewer.id, on: "topic", id: topicId,
                         detail: "board \(board.id!) -> \(targetId)", at: now)
        }
    }

    public func setWatching(topicId: Int64, _ watching: Bool, viewer: Viewer) async throws {
        try await writer.write { db in
            _ = try BoardScope(viewer: viewer).readableTopic(id: topicId, db)
            if watching {
                try db.execute(sql: "INSERT OR IGNORE INTO watch (userId, topicId) VALUES (?, ?)", arguments: [viewer.id, topicId])
            } else {
                try db.execute(sql: "DELETE FROM watch WHERE userId = ? AND topicId = ?", arguments: [viewer.id, topicId])
            }
        }
    }

    private func moderateTopic(_ id: Int64, viewer: Viewer,
                               change: @escaping @Sendable (Database, inout Topic, Board) throws -> Void) async throws {
        try await writer.write { db in
            let scope = BoardScope(viewer: viewer)
            var (topic, board) = try scope.readableTopic(id: id, db)
            try scope.abilities(topic, on: board, db).requireModerate()
            try change(db, &topic, board)
            try topic.update(db)
        }
    }

    static func markSeen(_ db: Database, topicId: Int64, postId: Int64, userId: Int64) throws {
        try db.execute(sql: """
            INSERT INTO topicVisit (userId, topicId, lastSeenPostId) VALUES (?, ?, ?)
            ON CONFLICT (userId, topicId) DO UPDATE SET lastSeenPostId = MAX(lastSeenPostId, excluded.lastSeenPostId)
            """, arguments: [userId, topicId, postId])
    }

    /// The search index holds visible posts only; the opening post carries the title.
    static func index(_ db: Database, post: Post, title: String) throws {
        // The words as read, not the Markdown typed: excerpts show text.
        try db.execute(sql: "INSERT OR REPLACE INTO postSearch (rowid, title, body) VALUES (?, ?, ?)",
                       arguments: [post.id, title, PostMarkdown.plainText(fromHTML: post.html)])
    }
}
