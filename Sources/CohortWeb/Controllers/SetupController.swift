import CohortModel
import CohortURLs
import Hummingbird

/// The first run: while no admin exists, the secret link the server printed lets
/// one person create the first admin account.
struct SetupController {
    let database: AppDatabase
    let renderer: PageRenderer
    let passwords: PasswordHashing
    let sessions: SessionStarter
    let setupToken: String?

    func addRoutes(to anyone: RouteGroup<AppRequestContext>) {
        anyone.get(SiteURL.setup, use: show)
        anyone.post(SiteURL.setup, use: create)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try await checkedToken(request.uri.queryParameters["token"].map(String.init))
        return try renderer.render(page(token: token, context: context), request: request, context: context,
                                   narrow: true)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try await checkedToken(request.uri.queryParameters["token"].map(String.init))
        let form = try await request.decode(as: NewAccountForm.self, context: context)
        var page = page(token: token, context: context)
        page.name = form.name ?? ""
        page.email = form.email ?? ""
        do {
            let hash = try await NewAccountRules.checkedPasswordHash(form, passwords: passwords)
            let admin = try await database.createFirstAdmin(email: form.email ?? "", name: form.name ?? "",
                                                            passwordHash: hash)
            return try await sessions.signIn(admin, redirectTo: SiteURL.adminPeople.path,
                                             flash: Flash(.notice, "Welcome! Your admin account is ready. Invite your people next."))
        } catch let error as AccountError where error.kind == .invalidInput {
            page.error = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent,
                                       narrow: true)
        }
    }

    /// Setup exists only while there is no admin, and only for the printed token.
    private func checkedToken(_ sent: String?) async throws -> String {
        guard let setupToken, let sent, SecureToken.constantTimeEquals(sent, setupToken),
            try await !database.hasAdmin()
        else {
            throw HTTPError(.notFound, message: "This setup link is not valid, or the site is already set up.")
        }
        return setupToken
    }

    private func page(token: String, context: AppRequestContext) -> NewAccountPage {
        NewAccountPage(
            title: "Set up Cohort", csrfToken: context.csrfToken, action: SiteURL.setup.path + "?token=\(token)",
            intro: "Create the first admin account. You can invite everyone else once you are in.",
            submitLabel: "Create admin account", minimumPasswordLength: Password.minimumLength)
    }
}
