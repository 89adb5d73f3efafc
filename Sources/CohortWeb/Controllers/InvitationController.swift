import CohortModel
import CohortURLs
import Hummingbird

/// Accepting an invitation: the invitee chooses a name and a password.
struct InvitationController {
    let database: AppDatabase
    let renderer: PageRenderer
    let passwords: PasswordHashing
    let sessions: SessionStarter

    func addRoutes(to anyone: RouteGroup<AppRequestContext>) {
        anyone.get(SiteURL.invitation, use: show)
        anyone.post(SiteURL.invitation, use: accept)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let invitation = try await database.openInvitation(token: token)
        return try renderer.render(page(invitation, token: token, context: context), request: request,
                                   context: context, narrow: true)
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let invitation = try await database.openInvitation(token: token)
        let form = try await request.decode(as: NewAccountForm.self, context: context)
        do {
            let hash = try await NewAccountRules.checkedPasswordHash(form, passwords: passwords)
            let user = try await database.acceptInvitation(token: token, name: form.name ?? "", passwordHash: hash)
            return try await sessions.signIn(user, redirectTo: SiteURL.dashboard.path,
                                             flash: Flash(.notice, "Welcome to Cohort, \(user.name)!"))
        } catch let error as AccountError where error.kind == .invalidInput {
            var page = page(invitation, token: token, context: context)
            page.name = form.name ?? ""
            page.error = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent,
                                       narrow: true)
        }
    }

    private func page(_ invitation: Invitation, token: String, context: AppRequestContext) -> NewAccountPage {
        NewAccountPage(
            title: "Join Cohort", csrfToken: context.csrfToken, action: SiteURL.invitation.path(token),
            intro: "You are invited to join as \(invitation.role.title.lowercased()). Choose the name others will see and a password.",
            fixedEmail: invitation.email, submitLabel: "Create my account",
            minimumPasswordLength: Password.minimumLength)
    }
}
