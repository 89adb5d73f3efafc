import CohortModel
import Foundation
import Hummingbird

/// Notifications, search and the moderation queue.
struct CommunityController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    func register(on router: Router<AppRequestContext>) {
        let group = router.group(context: SignedInContext.self)
        group.get("notifications", use: notifications)
        group.post("notifications/read", use: markAllRead)
        group.get("search", use: search)
        group.get("moderation", use: moderation)
        group.post("flags/:flag/dismiss", use: dismiss)
    }

    @Sendable func notifications(_ request: Request, context: SignedInContext) async throws -> Response {
        let notices = try await database.notices(for: context.viewer)
        return try renderer.render(NotificationsPage(notices: notices, viewer: context.viewer, csrfToken: context.csrfToken),
                                   request: request, context: context)
    }

    @Sendable func markAllRead(_ request: Request, context: SignedInContext) async throws -> Response {
        try await database.markAllNoticesRead(viewer: context.viewer)
        return .seeOther(Paths.notifications, flash: Flash(.notice, "All caught up."), cookies: cookies)
    }

    /// A GET form: decoded like a posted one, so `+` reads as a space.
    struct SearchForm: Decodable {
        var q: String?
        var board: String?
        var author: String?
    }

    @Sendable func search(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = (try? URLEncodedFormDecoder().decode(SearchForm.self, from: request.uri.query ?? "")) ?? SearchForm()
        let text = (form.q ?? "").prefix(200)
        let author = (form.author ?? "").prefix(120)
        let boardId = form.board.flatMap { Int64($0) }
        let boards = try await database.readableBoards(viewer: context.viewer)
        let searchQuery = SearchQuery(String(text))
        let hits = try await database.search(searchQuery, boardId: boardId, authorName: String(author), viewer: context.viewer)
        let display = TimeDisplay(viewer: context.viewer, fallback: "UTC")
        let page = SearchPage(
            query: String(text), author: String(author),
            boards: boards.map { .init(id: $0.id!, title: $0.title, selected: $0.id == boardId) },
            hits: hits.map {
                .init(topicTitle: $0.topicTitle, href: Paths.post($0.postId, in: $0.topicId), boardTitle: $0.boardTitle,
                      authorName: $0.authorName, when: display.moment($0.createdAt), snippet: $0.snippetHTML)
            },
            searched: !searchQuery.isEmpty, resultLabel: hits.count == 1 ? "1 result" : "\(hits.count) results")
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func moderation(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.viewer
        guard viewer.isAdmin || viewer.cohortRoles.values.contains(.facilitator) else {
            throw HTTPError(.forbidden, message: "The moderation queue is for facilitators and admins.")
        }
        let flags = try await database.flagQueue(viewer: viewer)
        let feedbackFlags = try await database.feedbackFlagQueue(viewer: viewer)
        return try renderer.render(ModerationPage(flags: flags, feedbackFlags: feedbackFlags, csrfToken: context.csrfToken),
                                   request: request, context: context)
    }

    @Sendable func dismiss(_ request: Request, context: SignedInContext) async throws -> Response {
        try await database.dismissFlag(id: try context.id("flag"), viewer: context.viewer)
        return .seeOther(Paths.moderation, flash: Flash(.notice, "Flag dismissed."), cookies: cookies)
    }
}
