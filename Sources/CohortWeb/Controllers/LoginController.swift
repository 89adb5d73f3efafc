import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// Signing in and out.
struct LoginController {
    let database: AppDatabase
    let renderer: PageRenderer
    let passwords: PasswordHashing
    let throttle: LoginThrottle
    let sessions: SessionStarter

    func addRoutes(to routes: RouteGroups) {
        routes.anyone.get(SiteURL.login, use: show)
        routes.anyone.post(SiteURL.login, use: create)
        routes.signedIn.post(SiteURL.logout, use: delete)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.signedIn != nil { return .redirect(to: SiteURL.dashboard.path, type: .normal) }
        let page = LoginPage(csrfToken: context.csrfToken, next: request.uri.queryParameters["next"].map(String.init) ?? "",
                             needsSetup: try await !database.hasAdmin())
        return try renderer.render(page, request: request, context: context, narrow: true)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.decode(as: LoginForm.self, context: context)
        let email = form.email?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var page = LoginPage(csrfToken: context.csrfToken, email: email, next: form.next ?? "")
        do {
            try await throttle.check(account: email, address: context.clientAddress)
        } catch {
            page.error = error.message
            var response = try renderer.render(page, request: request, context: context, status: .tooManyRequests,
                                               narrow: true)
            response.headers[.retryAfter] = String(Int(error.retryAfter.rounded(.up)))
            return response
        }
        let user = try await database.user(email: email)
        guard try await passwords.verify(form.password ?? "", against: user?.passwordHash), let user else {
            await throttle.recordFailure(account: email, address: context.clientAddress)
            page.error = "That email and password do not match an account. Check both and try again."
            return try renderer.render(page, request: request, context: context, status: .unauthorized, narrow: true)
        }
        await throttle.recordSuccess(account: email)
        guard user.isActive else {
            page.error = AccountError.accountClosed.message
            return try renderer.render(page, request: request, context: context, status: .forbidden, narrow: true)
        }
        // A form kept while its author was signed out is sent again first.
        let target = request.cookies[CookieFactory.heldFormName] != nil ? SiteURL.resume.path : form.next ?? SiteURL.dashboard.path
        return try await sessions.signIn(user, redirectTo: target)
    }

    @Sendable func delete(_ request: Request, context: SignedInContext) async throws -> Response {
        try await database.endLoginSession(id: context.signedIn.session.id!)
        var response = Response.seeOther(SiteURL.login.path, flash: Flash(.notice, "You are signed out."),
                                         cookies: sessions.cookies)
        response.setCookie(sessions.cookies.expired(CookieFactory.sessionName))
        return response
    }
}
