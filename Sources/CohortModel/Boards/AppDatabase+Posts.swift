import Foundation
import GRDB

extension AppDatabase {
    /// Replies to a thread, or to one of its posts (`parentId`).
    /// A repeat of the same `submission` returns the reply it already made.
    public func reply(topicId: Int64, to parentId: Int64? = nil, body: String, viewer: Viewer,
                      limits: PostingLimits = PostingLimits(), submission: FormSubmission? = nil,
                      now: Date = Date()) async throws -> Post {
        let body = try limits.checkedBody(body)
        let html = PostMarkdown.html(from: body)
        return try await writer.write { db in
            if let id = try db.earlierResult(of: submission, by: viewer.id), let post = try Post.fetchOne(db, id: id) {
                return post
            }
            let scope = BoardScope(viewer: viewer)
            var (topic, board) = try scope.readableTopic(id: topicId, db)
            try scope.abilities(topic, on: board, db).requireReply()
            var depth = 1
            if let parentId {
                guard let parent = try Post.fetchOne(db, id: parentId), parent.topicId == topicId else {
                    throw BoardError.postNotFound
                }
                depth = parent.depth == 0 ? 1 : parent.depth + 1
            }
            try limits.checkRate(db, authorId: viewer.id, topics: false, now: now)
            var post = Post(topicId: topicId, authorId: viewer.id, parentId: parentId, depth: depth, source: body,
                            html: html, helpfulCount: 0, createdAt: now)
            try post.insert(db)
            topic.replyCount += 1
            topic.lastPostId = post.id!
            topic.lastPosterId = viewer.id
            topic.lastActivityAt = now
            try topic.update(db)
            board.postCount += 1
            board.lastActivityAt = now
            try board.update(db)
            try Self.index(db, post: post, title: "")
            try Self.markSeen(db, topicId: topicId, postId: post.id!, userId: viewer.id)
            try Self.notifyNewPost(db, post: post, topic: topic, board: board, author: viewer.user, now: now)
            try db.record(submission, created: post.id!, by: viewer.id, now: now)
            try db.discardDraft(.reply(topicId: topicId), of: viewer.id)
            return post
        }
    }

    /// The author edits their post; the earlier text is kept as a revision.
    public func editPost(id: Int64, body: String, viewer: Viewer, limits: PostingLimits = PostingLimits(),
                         now: Date = Date()) async throws -> Post {
        let body = try limits.checkedBody(body)
        let html = PostMarkdown.html(from: body)
        return try await writer.write { db in
            let scope = BoardScope(viewer: viewer)
            var (post, topic, board) = try scope.readablePost(id: id, db)
            try scope.abilities(post, on: board, db).requireEdit()
            guard body != post.source else { return post }
            var revision = PostRevision(postId: id, editorId: viewer.id, source: post.source, html: post.html,
                                        createdAt: post.editedAt ?? post.createdAt)
            try revision.insert(db)
            let before = post.source
            post.source = body
            post.html = html
            post.editedAt = now
            try post.update(db)
            try Self.index(db, post: post, title: post.depth == 0 ? topic.title : "")
            try Self.notifyMentions(db, post: post, previousSource: before, topic: topic, board: board,
                                    author: viewer.user, alreadyNotified: [], now: now)
            if post.authorId != viewer.id {
                try db.audit("post.edit", by: viewer.id, on: "post", id: id, at: now)
            }
            return post
        }
    }

    /// Soft delete: the post keeps its place in the thread, its words go.
    public func deletePost(id: Int64, viewer: Viewer, now: Date = Date()) async throws {
        try await writer.write { db in
            let scope = BoardScope(viewer: viewer)
            var (post, topic, board) = try scope.readablePost(id: id, db)
            try scope.abilities(post, on: board, db).requireDelete()
            guard post.deletedAt == nil else { return }
            post.deletedAt = now
            try post.update(db)
            try db.execute(sql: "DELETE FROM postSearch WHERE rowid = ?", arguments: [id])
            if topic.acceptedPostId == id {
                topic.acceptedPostId = nil
                try topic.update(db)
            }
            if post.authorId != viewer.id {
                try db.audit("post.delete", by: viewer.id, on: "post", id: id, at: now)
            }
        }
    }

    /// Marks a post helpful, or takes the mark back. One's own posts cannot be marked.
    public func toggleHelpful(postId: Int64, viewer: Viewer) async throws -> Bool {
        try await writer.write { db in
            let scope = BoardScope(viewer: viewer)
            let (post, _, board) = try scope.readablePost(id: postId, db)
            try scope.abilities(post, on: board, db).requireMarkHelpful()
            try db.execute(sql: "INSERT OR IGNORE INTO helpfulVote (postId, userId) VALUES (?, ?)",
                           arguments: [postId, viewer.id])
            let added = db.changesCount > 0
            if !added {
                try db.execute(sql: "DELETE FROM helpfulVote WHERE postId = ? AND userId = ?", arguments: [postId, viewer.id])
            }
            try db.execute(sql: "UPDATE post SET helpfulCount = (SELECT COUNT(*) FROM helpfulVote WHERE postId = ?) WHERE id = ?",
                           arguments: [postId, postId])
            return added
        }
    }

    /// A post with its earlier versions, newest first.
    public func postHistory(id: Int64, viewer: Viewer) async throws -> (Post, Topic, [PostRevision]) {
        try await reader.read { db in
            let (post, topic, _) = try BoardScope(viewer: viewer).readablePost(id: id, db)
            if post.isRemoved { throw BoardError.postRemoved }
            let revisions = try PostRevision.filter(PostRevision.Columns.postId == id).order(Column("id").desc).fetchAll(db)
            return (post, topic, revisions)
        }
    }

    /// A post the viewer may read, for quoting, editing or linking.
    public func post(id: Int64, viewer: Viewer) async throws -> (Post, Topic, authorName: String) {
        try await reader.read { db in
            let (post, topic, _) = try BoardScope(viewer: viewer).readablePost(id: id, db)
            let name = try String.fetchOne(db, sql: "SELECT name FROM user WHERE id = ?", arguments: [post.authorId]) ?? ""
            return (post, topic, name)
        }
    }

    /// A post its viewer may delete, for the page that asks them to confirm.
    public func postForDeleting(id: Int64, viewer: Viewer) async throws -> (Post, Topic) {
        try await reader.read { db in
            let scope = BoardScope(viewer: viewer)
            let (post, topic, board) = try scope.readablePost(id: id, db)
            let abilities = try scope.abilities(post, on: board, db)
            try abilities.requireDelete()
            guard abilities.isLive else { throw BoardError.postRemoved }
            return (post, topic)
        }
    }

    /// A post its viewer may edit, for the edit form.
    public func postForEditing(id: Int64, viewer: Viewer) async throws -> (Post, Topic) {
        try await reader.read { db in
            let scope = BoardScope(viewer: viewer)
            let (post, topic, board) = try scope.readablePost(id: id, db)
            try scope.abilities(post, on: board, db).requireEdit()
            return (post, topic)
        }
    }
}
