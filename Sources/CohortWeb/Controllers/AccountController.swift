import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// A person's own account: their name and password.
struct AccountController {
    let database: AppDatabase
    let renderer: PageRenderer
    let passwords: PasswordHashing
    /// Shared with sign-in: guessing the current password here counts as failing to sign in.
    let throttle: LoginThrottle
    let cookies: CookieFactory

    func addRoutes(to signedIn: RouteGroup<SignedInContext>) {
        signedIn.get(SiteURL.account, use: show)
        signedIn.post(SiteURL.accountName, use: updateName)
        signedIn.post(SiteURL.accountPassword, use: updatePassword)
        signedIn.post(SiteURL.accountTimeZone, use: updateTimeZone)
        signedIn.post(SiteURL.accountFeedToken, use: createFeedToken)
        signedIn.post(SiteURL.accountMail, use: updateMailPreferences)
        signedIn.post(SiteURL.accountEmail, use: requestEmailChange)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        try renderer.render(try await page(context), request: request, context: context)
    }

    @Sendable func updateMailPreferences(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await request.decode(as: MailPreferencesForm.self, context: context)
        do {
            try await database.setMailPreferences(try form.choices(), viewer: context.viewer)
            return .seeOther(SiteURL.account.path + "#mail", flash: Flash(.notice, "Your email choices are saved."), cookies: cookies)
        } catch let error as MailError {
            var page = try await page(context)
            page.mailError = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func requestEmailChange(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await request.decode(as: EmailChangeForm.self, context: context)
        try await throttle.check(account: context.viewer.user.email, address: context.clientAddress)
        do {
            try await checkCurrentPassword(form.currentPassword, context: context)
            let newEmail = try await database.requestEmailChange(to: form.newEmail ?? "", viewer: context.viewer)
            return .seeOther(SiteURL.account.path, flash: Flash(.notice, "We mailed a link to \(newEmail). Your address changes when you open it."),
                             cookies: cookies)
        } catch let error as AccountError {
            var page = try await page(context)
            page.newEmail = form.newEmail ?? ""
            page.emailError = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func updateName(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await request.decode(as: NameForm.self, context: context)
        do {
            try await database.rename(userId: context.viewer.id, to: form.name ?? "")
            return .seeOther(SiteURL.account.path, flash: Flash(.notice, "Your name is saved."), cookies: cookies)
        } catch let error as AccountError {
            var page = try await page(context)
            page.nameError = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func updatePassword(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await request.decode(as: PasswordChangeForm.self, context: context)
        try await throttle.check(account: context.viewer.user.email, address: context.clientAddress)
        do {
            try await checkCurrentPassword(form.currentPassword, context: context)
            let password = form.newPassword ?? ""
            try Password.validate(password)
            guard password == form.passwordConfirmation else { throw AccountError.passwordsDoNotMatch }
            try await database.changePassword(userId: context.viewer.id, newHash: try await passwords.hash(password),
                                              keepingSession: context.signedIn.session.id)
            return .seeOther(SiteURL.account.path, flash: Flash(.notice, "Your password is changed. Other browsers were signed out."),
                             cookies: cookies)
        } catch let error as AccountError {
            var page = try await page(context)
            page.passwordError = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func updateTimeZone(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await request.decode(as: TimeZoneForm.self, context: context)
        do {
            try await database.setTimeZone(userId: context.viewer.id, to: form.timeZone ?? "")
            return .seeOther(SiteURL.account.path, flash: Flash(.notice, "Times are now shown in your time zone."),
                             cookies: cookies)
        } catch let error as CohortError {
            var page = try await page(context)
            page.timeZone = form.timeZone ?? ""
            page.zones = ZoneGroup.all(selected: page.timeZone)
            // The list offers only known zones; what came instead is named, so nobody wonders what was wrong.
            page.timeZoneError = error == .unknownTimeZone ? "“\(form.timeZone ?? "")” is not a time zone we know. \(error.message)" : error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func createFeedToken(_ request: Request, context: SignedInContext) async throws -> Response {
        _ = try await database.feedToken(for: context.viewer)
        return .seeOther(SiteURL.account.path, flash: Flash(.notice, "Each board page now links to its private Atom feed."),
                         cookies: cookies)
    }

    /// A wrong current password counts as a failed sign-in.
    private func checkCurrentPassword(_ password: String?, context: SignedInContext) async throws {
        guard try await passwords.verify(password ?? "", against: context.viewer.user.passwordHash) else {
            await throttle.recordFailure(account: context.viewer.user.email, address: context.clientAddress)
            throw AccountError.wrongCurrentPassword
        }
    }

    private func page(_ context: SignedInContext) async throws -> AccountPage {
        let user = context.viewer.user
        let preferences = try await database.mailPreferences(userId: user.id!)
        return AccountPage(csrfToken: context.csrfToken, name: user.name, email: user.email,
                           roleTitle: user.role.title, minimumPasswordLength: Password.minimumLength,
                           timeZone: user.timeZone ?? "", zones: ZoneGroup.all(selected: user.timeZone ?? ""),
                           notificationTopics: MailTopic.allCases.filter { !$0.isReminder }.map { .init($0, chosen: preferences[$0]) },
                           reminderTopics: MailTopic.allCases.filter(\.isReminder).map { .init($0, chosen: preferences[$0]) })
    }
}
