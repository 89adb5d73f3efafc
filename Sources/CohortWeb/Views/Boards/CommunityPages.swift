import CohortModel
import CohortURLs

struct NotificationsPage: PageView {
    static let template = "notifications"
    let title = "Notifications"

    struct Item {
        let text: String
        let href: String
        let when: String
        let unread: Bool
    }

    var csrfToken: String
    var items: [Item]
    var hasUnread: Bool
    var feedToken: String?

    init(notices: [NoticeGroup], viewer: Viewer, csrfToken: String) {
        let display = TimeDisplay(viewer: viewer, fallback: "UTC")
        self.csrfToken = csrfToken
        items = notices.map { Item(text: $0.text, href: $0.link, when: display.moment($0.latestAt), unread: $0.unread) }
        hasUnread = items.contains(where: \.unread)
    }
}

struct ModerationPage: PageView {
    static let template = "moderation"
    let title = "Moderation"

    struct Item {
        let reason: String
        let reporterName: String
        let authorName: String
        let where_: String
        let postHref: String
        let html: String
        let removed: Bool
        let dismissAction: String
        let hideAction: String
        let fieldId: String
    }

    struct FeedbackItem {
        let reason: String
        let reporterName: String
        let authorName: String
        let artifactTitle: String
        let href: String
        let html: String
        let hidden: Bool
        let dismissAction: String
        let hideAction: String
        let fieldId: String
    }

    var csrfToken: String
    var items: [Item]
    var feedbackItems: [FeedbackItem]
    var nothingOpen: Bool

    init(flags: [FlagItem], feedbackFlags: [FeedbackFlagItem], csrfToken: String) {
        self.csrfToken = csrfToken
        feedbackItems = feedbackFlags.map {
            FeedbackItem(reason: $0.reason, reporterName: $0.reporterName, authorName: $0.authorName, artifactTitle: $0.artifactTitle,
                         href: SiteURL.artifact.path($0.artifactId), html: $0.hidden ? "" : $0.html, hidden: $0.hidden,
                         dismissAction: SiteURL.feedbackFlagDismiss.path($0.flagId), hideAction: SiteURL.feedbackHide.path($0.feedbackId),
                         fieldId: "feedback-flag-\($0.flagId)")
        }
        nothingOpen = flags.isEmpty && feedbackFlags.isEmpty
        items = flags.map { item in
            Item(reason: item.flag.reason, reporterName: item.reporterName, authorName: item.authorName,
                 where_: "\(item.boardTitle) › \(item.topicTitle)", postHref: SiteURL.post(item.post.id!, inThread: item.post.topicId),
                 html: item.post.isRemoved ? "" : item.post.html, removed: item.post.isRemoved,
                 dismissAction: SiteURL.flagDismiss.path(item.flag.id!), hideAction: SiteURL.postHide.path(item.post.id!),
                 fieldId: "flag-\(item.flag.id!)")
        }
    }
}

struct SearchPage: PageView {
    static let template = "search"
    let title = "Search"

    struct Hit {
        let topicTitle: String
        let href: String
        let boardTitle: String
        let authorName: String
        let when: String
        let snippet: String
    }

    struct BoardOption {
        let id: Int64
        let title: String
        let selected: Bool
    }

    var query: String
    var author: String
    var boards: [BoardOption]
    var hits: [Hit]
    var searched: Bool
    var resultLabel: String
    var previousHref: String?
    var nextHref: String?
}
