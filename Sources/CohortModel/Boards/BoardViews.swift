import Foundation

/// A board as listed for a cohort.
public struct BoardSummary: Sendable {
    public let board: Board
    public let cohortName: String?
    public let abilities: BoardAbilities
}

/// One row of a board page.
public struct TopicRow: Sendable {
    public let topic: Topic
    public let authorName: String
    public let lastPosterName: String?
    /// The viewer has not seen the thread's latest post.
    public let unread: Bool
}

/// Where the next page of a board starts.
public struct TopicPageKey: Sendable, Equatable {
    public let pinned: Bool
    public let lastActivityAt: Date
    public let id: Int64

    public init(pinned: Bool, lastActivityAt: Date, id: Int64) {
        self.pinned = pinned
        self.lastActivityAt = lastActivityAt
        self.id = id
    }
}

public struct BoardPage: Sendable {
    public let board: Board
    public let cohortName: String?
    public let topics: [TopicRow]
    public let nextPage: TopicPageKey?
    public let abilities: BoardAbilities
    public let watching: Bool
}

/// A post as the thread page shows it.
public struct PostRow: Sendable {
    public let post: Post
    public let authorName: String
    /// The nesting shown: capped, deeper replies are shown flat with "in reply to".
    public let displayDepth: Int
    public let inReplyTo: String?
    public let viewerFoundHelpful: Bool
    public let isNew: Bool
    public let abilities: PostAbilities
}

public struct ThreadView: Sendable {
    public let topic: Topic
    public let board: Board
    public let cohortName: String?
    /// The opening post first, then replies in threaded order.
    public let posts: [PostRow]
    public let acceptedAnswer: PostRow?
    public let abilities: TopicAbilities
    public let watching: Bool
    public let firstNewPostId: Int64?
    public let newCount: Int
    /// False when the viewer's read position or notices lag behind the thread, so that
    /// reading it should record that it was seen (most reads need no write at all).
    public let isSeenUpToDate: Bool
}
