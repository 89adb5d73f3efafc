import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// Notifications, search and the moderation queue.
struct CommunityController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    func addRoutes(to routes: RouteGroups) {
        let signedIn = routes.signedIn
        signedIn.get(SiteURL.notifications, use: notifications)
        signedIn.post(SiteURL.notificationsRead, use: markAllRead)
        signedIn.get(SiteURL.search, use: search)
        routes.moderators.get(SiteURL.moderation, use: moderation)
        signedIn.post(SiteURL.flagDismiss, use: dismiss)
    }

    @Sendable func notifications(_ request: Request, context: SignedInContext) async throws -> Response {
        let notices = try await database.noticeGroups(for: context.viewer)
        return try renderer.render(NotificationsPage(notices: notices, viewer: context.viewer, csrfToken: context.csrfToken),
                                   request: request, context: context)
    }

    @Sendable func markAllRead(_ request: Request, context: SignedInContext) async throws -> Response {
        try await database.markAllNoticesRead(viewer: context.viewer)
        return .seeOther(SiteURL.notifications.path, flash: Flash(.notice, "All caught up."), cookies: cookies)
    }

    /// A GET form: decoded like a posted one, so `+` reads as a space.
    struct SearchForm: Decodable {
        var q: String?
        var board: String?
        var author: String?
        var page: String?
    }

    static let resultsPerPage = 30

    @Sendable func search(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = (try? URLEncodedFormDecoder().decode(SearchForm.self, from: request.uri.query ?? "")) ?? SearchForm()
        let text = (form.q ?? "").prefix(200)
        let author = (form.author ?? "").prefix(120)
        let boardId = form.board.flatMap { Int64($0) }
        let boards = try await database.readableBoards(viewer: context.viewer)
        let searchQuery = SearchQuery(String(text))
        let total = try await database.searchCount(searchQuery, boardId: boardId, authorName: String(author), viewer: context.viewer)
        let pages = max(1, (total + Self.resultsPerPage - 1) / Self.resultsPerPage)
        let pageNumber = min(max(1, form.page.flatMap { Int($0) } ?? 1), pages)
        let offset = (pageNumber - 1) * Self.resultsPerPage
        let hits = try await database.search(searchQuery, boardId: boardId, authorName: String(author), viewer: context.viewer,
                                             limit: Self.resultsPerPage, offset: offset)
        func pageHref(_ number: Int) -> String {
            var query = URLComponents()
            query.queryItems = [URLQueryItem(name: "q", value: String(text))]
                + (boardId.map { [URLQueryItem(name: "board", value: String($0))] } ?? [])
                + (author.isEmpty ? [] : [URLQueryItem(name: "author", value: String(author))])
                + [URLQueryItem(name: "page", value: String(number))]
            return SiteURL.search.path + "?" + (query.percentEncodedQuery ?? "")
        }
        let display = TimeDisplay(viewer: context.viewer, fallback: "UTC")
        let page = SearchPage(
            query: String(text), author: String(author),
            boards: boards.map { .init(id: $0.id!, title: $0.title, selected: $0.id == boardId) },
            hits: hits.map {
                .init(topicTitle: $0.topicTitle, href: SiteURL.post($0.postId, inThread: $0.topicId), boardTitle: $0.boardTitle,
                      authorName: $0.authorName, when: display.moment($0.createdAt), snippet: $0.snippetHTML)
            },
            searched: !searchQuery.isEmpty,
            resultLabel: total <= Self.resultsPerPage ? Wording.count(total, "result")
                : "\(Wording.count(total, "result")), \(offset + 1)–\(offset + hits.count) shown",
            previousHref: pageNumber > 1 ? pageHref(pageNumber - 1) : nil,
            nextHref: pageNumber < pages ? pageHref(pageNumber + 1) : nil)
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func moderation(_ request: Request, context: ModeratorContext) async throws -> Response {
        let viewer = context.viewer
        let flags = try await database.flagQueue(viewer: viewer)
        let feedbackFlags = try await database.feedbackFlagQueue(viewer: viewer)
        return try renderer.render(ModerationPage(flags: flags, feedbackFlags: feedbackFlags, csrfToken: context.csrfToken),
                                   request: request, context: context)
    }

    @Sendable func dismiss(_ request: Request, context: SignedInContext) async throws -> Response {
        try await database.dismissFlag(id: try context.id("flag"), viewer: context.viewer)
        return .seeOther(SiteURL.moderation.path, flash: Flash(.notice, "Flag dismissed."), cookies: cookies)
    }
}
