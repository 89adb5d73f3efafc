import CohortModel
import CohortURLs
import Hummingbird

/// "Forgot your password?" for people who are signed out.
struct PasswordResetController {
    let database: AppDatabase
    let renderer: PageRenderer
    let passwords: PasswordHashing
    /// Every request counts: a few per address and per network in 15 minutes.
    let throttle: LoginThrottle
    let cookies: CookieFactory

    struct RequestForm: Decodable { var email: String? }
    struct ChoiceForm: Decodable {
        var password: String?
        var passwordConfirmation: String?
    }

    func addRoutes(to anyone: RouteGroup<AppRequestContext>) {
        anyone.get(SiteURL.passwordReset, use: new)
        anyone.post(SiteURL.passwordReset, use: create)
        anyone.get(SiteURL.passwordResetToken, use: edit)
        anyone.post(SiteURL.passwordResetToken, use: update)
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> Response {
        try renderer.render(PasswordResetPage(csrfToken: context.csrfToken, requesting: true), request: request,
                            context: context, narrow: true)
    }

    /// The same page whether or not the address has an account.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = try await request.decode(as: RequestForm.self, context: context)
        let email = form.email?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        var page = PasswordResetPage(csrfToken: context.csrfToken, email: email)
        do {
            try await throttle.check(account: email, address: context.clientAddress)
        } catch {
            let minutes = max(1, Int((error.retryAfter / 60).rounded(.up)))
            page.requesting = true
            page.error = "Too many links were asked for. Try again in \(minutes) \(minutes == 1 ? "minute" : "minutes")."
            var response = try renderer.render(page, request: request, context: context, status: .tooManyRequests, narrow: true)
            response.headers[.retryAfter] = String(Int(error.retryAfter.rounded(.up)))
            return response
        }
        await throttle.recordFailure(account: email, address: context.clientAddress)
        do {
            try await database.requestPasswordReset(email: email)
        } catch let error as AccountError {
            page.requesting = true
            page.error = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent, narrow: true)
        }
        page.heading = "Check your mail"
        page.sent = true
        return try renderer.render(page, request: request, context: context, narrow: true)
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let user = try await database.openPasswordReset(token: token)
        return try renderer.render(choicePage(user, token: token, context: context), request: request, context: context,
                                   narrow: true)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let user = try await database.openPasswordReset(token: token)
        let form = try await request.decode(as: ChoiceForm.self, context: context)
        do {
            let password = form.password ?? ""
            try Password.validate(password)
            guard password == form.passwordConfirmation else { throw AccountError.passwordsDoNotMatch }
            _ = try await database.resetPassword(token: token, newHash: try await passwords.hash(password))
            return .seeOther(SiteURL.login.path, flash: Flash(.notice, "Your new password is set and every browser was signed out. Sign in with it."),
                             cookies: cookies)
        } catch let error as AccountError {
            var page = choicePage(user, token: token, context: context)
            page.error = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent, narrow: true)
        }
    }

    private func choicePage(_ user: User, token: String, context: AppRequestContext) -> PasswordResetPage {
        PasswordResetPage(heading: "Choose a new password", csrfToken: context.csrfToken, choosing: true, email: user.email,
                          action: SiteURL.passwordResetToken.path(token))
    }
}
