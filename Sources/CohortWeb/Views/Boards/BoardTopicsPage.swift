import CohortModel
import CohortURLs
import Foundation

/// A board: its threads, pinned first, then by last activity.
struct BoardTopicsPage: PageView {
    static let template = "board"

    struct Row {
        let title: String
        let href: String
        let isQuestion: Bool
        let answered: Bool
        let pinned: Bool
        let locked: Bool
        let unread: Bool
        let authorName: String
        /// "1 reply", "3 replies"
        let replies: String
        let lastActivity: String
        let lastPosterName: String?
    }

    var title: String
    var cohortName: String?
    var backHref: String?
    var csrfToken: String
    var rows: [Row]
    var nextHref: String?
    var archived: Bool
    var newThreadHref: String
    var watching: Bool
    var watchAction: String
    var feedHref: String?

    init(_ page: BoardPage, viewer: Viewer, csrfToken: String, feedToken: String?) {
        let board = page.board
        title = board.title
        cohortName = page.cohortName
        backHref = board.cohortId.map(SiteURL.cohortBoards.path)
        self.csrfToken = csrfToken
        let display = TimeDisplay(viewer: viewer, fallback: "UTC")
        rows = page.topics.map { row in
            Row(title: row.topic.title, href: SiteURL.thread.path(row.topic.id!), isQuestion: row.topic.kind == .question,
                answered: row.topic.acceptedPostId != nil, pinned: row.topic.pinned, locked: row.topic.locked,
                unread: row.unread, authorName: row.authorName, replies: Wording.count(row.topic.replyCount, "reply", "replies"),
                lastActivity: display.moment(row.topic.lastActivityAt), lastPosterName: row.lastPosterName)
        }
        nextHref = page.nextPage.map { key in
            "\(SiteURL.board.path(board.id!))?after=\(key.pinned ? 1 : 0)-\(Int64(key.lastActivityAt.timeIntervalSince1970 * 1000))-\(key.id)"
        }
        archived = board.archivedAt != nil
        newThreadHref = SiteURL.newThread.path(board.id!)
        watching = page.watching
        watchAction = SiteURL.boardWatch.path(board.id!)
        feedHref = feedToken.map { SiteURL.boardFeed.path(board.id!) + "?token=\($0)" }
    }

    /// Reads `?after=` as written by `nextHref`.
    static func pageKey(_ text: Substring?) -> TopicPageKey? {
        guard let parts = text?.split(separator: "-"), parts.count == 3, let pinned = Int(parts[0]),
            let millis = Int64(parts[1]), let id = Int64(parts[2])
        else { return nil }
        return TopicPageKey(pinned: pinned == 1, lastActivityAt: Date(timeIntervalSince1970: Double(millis) / 1000), id: id)
    }
}
