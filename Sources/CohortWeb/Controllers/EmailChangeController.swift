import CohortModel
import CohortURLs
import Hummingbird

/// The link mailed to a new address; it works in any browser, signed in or not.
struct EmailChangeController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    func addRoutes(to anyone: RouteGroup<AppRequestContext>) {
        anyone.get(SiteURL.emailConfirmation, use: show)
        anyone.post(SiteURL.emailConfirmation, use: confirm)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let (user, newEmail) = try await database.openEmailChange(token: token)
        let page = EmailChangePage(csrfToken: context.csrfToken, name: user.name, oldEmail: user.email, newEmail: newEmail,
                                   action: SiteURL.emailConfirmation.path(token))
        return try renderer.render(page, request: request, context: context, narrow: true)
    }

    @Sendable func confirm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try await database.confirmEmailChange(token: try context.parameters.require("token"))
        let flash = Flash(.notice, "Your address is now \(user.email). Sign in with it from now on.")
        return .seeOther(context.signedIn == nil ? SiteURL.login.path : SiteURL.account.path, flash: flash, cookies: cookies)
    }
}
