import CohortModel
import CohortURLs
import Foundation

/// A thread: the opening post, the accepted answer right under a question, the
/// replies nested, and the reply form.
struct ThreadPage: PageView {
    static let template = "thread"

    struct PostItem {
        let id: Int64
        let anchor: String
        let depthClass: String
        let authorName: String
        let when: String
        let datetime: String
        let edited: Bool
        let historyHref: String
        let isNew: Bool
        let removedNote: String?
        let html: String
        let helpfulCount: Int
        let helpfulAction: String?
        let helpfulPressed: Bool
        let replyHref: String
        let quoteHref: String
        let editHref: String?
        /// The page that asks to confirm.
        let deleteHref: String?
        let hideAction: String?
        let unhideAction: String?
        let flagAction: String?
        let acceptAction: String?
        let acceptLabel: String
        let isAccepted: Bool
        let inReplyTo: String?
        let isOpening: Bool
    }

    struct BoardOption {
        let id: Int64
        let title: String
    }

    var title: String
    var boardTitle: String
    var boardHref: String
    var csrfToken: String
    var isQuestion: Bool
    var locked: Bool
    var pinned: Bool
    /// The opening post and the replies, as markup (see PostListHTML); the template
    /// holds their slots.
    let largeMarkup: [String]
    let openingHTML = PageRenderer.slot(0)
    let repliesHTML = PageRenderer.slot(1)
    var accepted: PostItem?
    var newCount: Int?
    var firstNewHref: String?
    var canReply: Bool
    var canModerate: Bool
    var replyAction: String
    var replyParentId: String
    var replyLabel: String
    var draft: String
    var draftKey: String
    /// Who can be mentioned, for completion as @ is typed.
    var peopleHref: String
    /// The reply as it will read, after Preview (sanitised by PostMarkdown).
    var previewHTML: String?
    /// The reply form's one-time key (kept when the form comes back with an error).
    var submissionKey: String
    var error: String?
    var watching: Bool
    var watchAction: String
    var pinAction: String
    var lockAction: String
    var moveAction: String
    var moveTargets: [BoardOption]
    var maximumPostLength: Int

    init(_ view: ThreadView, viewer: Viewer, csrfToken: String, moveTargets: [BoardSummary],
         replyTo: (id: Int64, name: String)? = nil, draft: String = "", submissionKey: String? = nil, error: String? = nil,
         maximumPostLength: Int) {
        let topic = view.topic
        let topicId = topic.id!
        title = topic.title
        boardTitle = view.board.title
        boardHref = SiteURL.board.path(view.board.id!)
        self.csrfToken = csrfToken
        isQuestion = topic.kind == .question
        locked = topic.locked
        pinned = topic.pinned
        let display = TimeDisplay(viewer: viewer, fallback: "UTC")
        let items = view.posts.map { row in
            Self.item(row, view: view, viewer: viewer, display: display)
        }
        largeMarkup = [
            Self.html(for: items.lazy.filter(\.isOpening), count: 1, csrfToken: csrfToken, canReply: view.abilities.canReply),
            Self.html(for: items.lazy.filter { !$0.isOpening }, count: items.count, csrfToken: csrfToken, canReply: view.abilities.canReply),
        ]
        accepted = items.first { $0.isAccepted }
        newCount = view.newCount > 0 ? view.newCount : nil
        firstNewHref = view.firstNewPostId.map { "#post-\($0)" }
        canReply = view.abilities.canReply
        canModerate = view.abilities.canModerate
        replyAction = SiteURL.threadReply.path(topicId)
        replyParentId = replyTo.map { String($0.id) } ?? ""
        replyLabel = replyTo.map { "Reply to \($0.name)" } ?? "Reply to the thread"
        self.draft = draft
        draftKey = DraftKey.reply(topicId: topicId).rawValue
        peopleHref = SiteURL.boardPeople.path(view.board.id!)
        self.submissionKey = submissionKey ?? FormSubmission.newKey()
        self.error = error
        watching = view.watching
        watchAction = SiteURL.threadWatch.path(topicId)
        pinAction = SiteURL.threadPin.path(topicId)
        lockAction = SiteURL.threadLock.path(topicId)
        moveAction = SiteURL.threadMove.path(topicId)
        self.moveTargets = moveTargets.filter { $0.board.id != view.board.id && $0.board.archivedAt == nil }
            .map { BoardOption(id: $0.board.id!, title: $0.board.title) }
        self.maximumPostLength = maximumPostLength
    }

    private static func item(_ row: PostRow, view: ThreadView, viewer: Viewer, display: TimeDisplay) -> PostItem {
        let post = row.post
        let id = post.id!
        let topicId = view.topic.id!
        let can = row.abilities
        let removedNote: String? = post.hiddenAt != nil
            ? "Hidden by a facilitator: \(post.hiddenReason ?? "")" : post.deletedAt != nil ? "Deleted by its author." : nil
        let live = can.isLive
        let accepted = view.topic.acceptedPostId == id
        return PostItem(
            id: id, anchor: "post-\(id)", depthClass: "depth-\(row.displayDepth)", authorName: row.authorName,
            when: display.moment(post.createdAt), datetime: TimeDisplay.machine(post.createdAt), edited: post.editedAt != nil && live,
            historyHref: SiteURL.postHistory.path(id), isNew: row.isNew, removedNote: removedNote,
            html: live ? post.html : "", helpfulCount: post.helpfulCount,
            helpfulAction: can.canMarkHelpful ? SiteURL.postHelpful.path(id) : nil, helpfulPressed: row.viewerFoundHelpful,
            replyHref: "\(SiteURL.thread.path(topicId))?replyTo=\(id)#reply", quoteHref: "\(SiteURL.thread.path(topicId))?quote=\(id)#reply",
            editHref: can.canEdit ? SiteURL.postEdit.path(id) : nil,
            deleteHref: can.canDelete ? SiteURL.postDelete.path(id) : nil,
            hideAction: can.canHide ? SiteURL.postHide.path(id) : nil,
            unhideAction: can.canUnhide ? SiteURL.postUnhide.path(id) : nil,
            flagAction: can.canFlag ? SiteURL.postFlag.path(id) : nil,
            acceptAction: live && view.abilities.canAccept && row.displayDepth > 0 ? SiteURL.threadAccept.path(topicId) : nil,
            acceptLabel: accepted ? "Withdraw acceptance" : "Accept as the answer",
            isAccepted: accepted && live, inReplyTo: row.inReplyTo, isOpening: row.displayDepth == 0)
    }
}
