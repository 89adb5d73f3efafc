import CohortModel

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

    init(notices: [Notice], viewer: Viewer, csrfToken: String) {
        let display = TimeDisplay(viewer: viewer, fallback: "UTC")
        self.csrfToken = csrfToken
        items = notices.map { Item(text: $0.text, href: $0.link, when: display.moment($0.createdAt), unread: $0.readAt == nil) }
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

    var csrfToken: String
    var items: [Item]

    init(flags: [FlagItem], csrfToken: String) {
        self.csrfToken = csrfToken
        items = flags.map { item in
            Item(reason: item.flag.reason, reporterName: item.reporterName, authorName: item.authorName,
                 where_: "\(item.boardTitle) › \(item.topicTitle)", postHref: Paths.post(item.post.id!, in: item.post.topicId),
                 html: item.post.isRemoved ? "" : item.post.html, removed: item.post.isRemoved,
                 dismissAction: "/flags/\(item.flag.id!)/dismiss", hideAction: Paths.postAction(item.post.id!, "hide"),
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
}
