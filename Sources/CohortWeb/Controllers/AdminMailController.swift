import CohortMail
import CohortModel
import CohortURLs
import Hummingbird

/// The outbox for admins, and with the development mailbox every mail the server
/// would have sent, readable in the browser.
struct AdminMailController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory
    let composer: MailComposer
    let mail: MailSettings

    func addRoutes(to admins: RouteGroup<AdminContext>) {
        admins.get(SiteURL.adminMail, use: index)
        admins.get(SiteURL.adminMailMessage, use: show)
        admins.post(SiteURL.adminMailRetry, use: retry)
    }

    @Sendable func index(_ request: Request, context: AdminContext) async throws -> Response {
        let overview = try await database.outboxOverview(viewer: context.viewer)
        let times = TimeDisplay(viewer: context.viewer, fallback: "UTC")
        return try renderer.render(AdminMailPage(overview, route: routeDescription, times: times), request: request,
                                   context: context)
    }

    @Sendable func show(_ request: Request, context: AdminContext) async throws -> Response {
        let message = try await database.outboxMessage(id: try messageId(context), viewer: context.viewer)
        let composed = composer.message(for: message)
        let times = TimeDisplay(viewer: context.viewer, fallback: "UTC")
        let page = AdminMailMessagePage(
            csrfToken: context.csrfToken, subject: message.content.subject, to: message.toAddress,
            from: composed.from.address, queuedAt: times.meeting(message.createdAt), state: AdminMailPage.state(message),
            lastError: message.lastError, messageID: composed.messageID, failed: message.state == .failed,
            retryAction: SiteURL.adminMailRetry.path(message.id!), text: composed.textBody)
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func retry(_ request: Request, context: AdminContext) async throws -> Response {
        let id = try messageId(context)
        try await database.retryMail(id: id, viewer: context.viewer)
        return .seeOther(SiteURL.adminMailMessage.path(id), flash: Flash(.notice, "The mail is queued to be sent again."),
                         cookies: cookies)
    }

    private var routeDescription: String {
        switch mail.route {
        case .mailbox(let directory):
            "Development mailbox: mail is not sent but kept as .eml files in \(directory). Open a mail below to read it, links and all. Start the server with --smtp to send mail through a relay."
        case .smtp(let settings):
            "Mail goes out through \(settings.redacted), from \(mail.from.address)."
        }
    }

    private func messageId(_ context: AdminContext) throws -> Int64 {
        guard let id = context.parameters.get("message", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }
}
