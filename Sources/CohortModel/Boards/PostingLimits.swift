import Foundation
import GRDB

/// How much one member may write how fast, and how long a post may be.
public struct PostingLimits: Sendable {
    public var postsPerMinute: Int
    public var topicsPerMinute: Int
    public var maximumPostLength: Int
    public var maximumTitleLength: Int

    public init(postsPerMinute: Int = 12, topicsPerMinute: Int = 3, maximumPostLength: Int = 20_000,
                maximumTitleLength: Int = 150) {
        self.postsPerMinute = postsPerMinute
        self.topicsPerMinute = topicsPerMinute
        self.maximumPostLength = maximumPostLength
        self.maximumTitleLength = maximumTitleLength
    }

    /// For load tests, which post thousands a second as a handful of members.
    public static let unlimitedRate = PostingLimits(postsPerMinute: .max, topicsPerMinute: .max)

    func checkedBody(_ source: String) throws(BoardError) -> String {
        let body = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw .bodyRequired }
        guard body.count <= maximumPostLength else { throw .bodyTooLong(maximum: maximumPostLength) }
        return body
    }

    func checkedTitle(_ raw: String) throws(BoardError) -> String {
        let title = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: " ")
        guard !title.isEmpty else { throw .titleRequired }
        // Lengths are counted as SQLite's LENGTH() counts them (code points, not
        // characters), here and wherever the schema checks one, so its check cannot fail.
        guard title.unicodeScalars.count <= maximumTitleLength else { throw .titleTooLong(maximum: maximumTitleLength) }
        return title
    }

    /// Throws when the author has written `limit` posts (or opened `limit` threads)
    /// in the last minute, saying how long to wait.
    func checkRate(_ db: Database, authorId: Int64, topics: Bool = false, feedback: Bool = false, now: Date) throws {
        let limit = topics ? topicsPerMinute : postsPerMinute
        guard limit < Int.max else { return }
        let since = now.addingTimeInterval(-60)
        let table = topics ? "topic" : feedback ? "feedback" : "post"
        let times = try Date.fetchAll(db, sql: """
            SELECT createdAt FROM \(table) WHERE authorId = ? AND createdAt > ? ORDER BY createdAt LIMIT ?
            """, arguments: [authorId, since, limit])
        guard times.count >= limit, let oldest = times.first else { return }
        let wait = max(1, Int((60 - now.timeIntervalSince(oldest)).rounded(.up)))
        throw topics ? BoardError.tooManyTopics(waitSeconds: wait) : BoardError.tooManyPosts(waitSeconds: wait)
    }
}
