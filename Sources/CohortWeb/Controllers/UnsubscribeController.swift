import CohortModel
import CohortURLs
import Hummingbird

/// One-click unsubscribe (RFC 8058): the link in every notification and reminder
/// works without signing in. Opening it only asks; the POST, from the page or from
/// the mail program, turns the topics off.
struct UnsubscribeController {
    let database: AppDatabase
    let renderer: PageRenderer

    func addRoutes(to anyone: RouteGroup<AppRequestContext>) {
        anyone.get(SiteURL.unsubscribe, use: show)
        anyone.post(SiteURL.unsubscribe, csrf: .ownSecret, use: create)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (token, topics) = try link(context)
        let user = try await database.unsubscribeTarget(token: token)
        return try renderer.render(page(user, token: token, topics: topics, context: context), request: request,
                                   context: context, narrow: true)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (token, topics) = try link(context)
        let user = try await database.unsubscribe(token: token, topics: topics)
        var page = page(user, token: token, topics: topics, context: context)
        page.done = true
        page.heading = "You are unsubscribed"
        return try renderer.render(page, request: request, context: context, narrow: true)
    }

    private func link(_ context: AppRequestContext) throws -> (String, [MailTopic]) {
        (try context.parameters.require("token"), try AppDatabase.mailTopics(inLink: try context.parameters.require("topics")))
    }

    private func page(_ user: User, token: String, topics: [MailTopic], context: AppRequestContext) -> UnsubscribePage {
        UnsubscribePage(csrfToken: context.csrfToken, email: user.email,
                        topics: topics.map { $0.title.lowercased() }.joined(separator: ", "),
                        action: SiteURL.unsubscribe.path(token, topics.map(\.rawValue).joined(separator: ",")))
    }
}
