import CohortModel
import CohortURLs
import Hummingbird

/// Admin pages: an overview, people, and invitations.
struct AdminController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    func addRoutes(to admins: RouteGroup<AdminContext>) {
        admins.get(SiteURL.admin, use: index)
        admins.get(SiteURL.adminPeople, use: people)
        admins.post(SiteURL.adminInvitations, use: invite)
        admins.post(SiteURL.invitationRevoke, use: revoke)
        admins.post(SiteURL.adminBoards, use: addProgramBoard)
    }

    @Sendable func index(_ request: Request, context: AdminContext) async throws -> Response {
        let programBoards = try await database.readableBoards(viewer: context.viewer).filter(\.isProgramWide)
        let page = AdminIndexPage(
            peopleCount: try await database.allUsers().count,
            pendingInvitationCount: try await database.pendingInvitations().count,
            cohortCount: try await database.cohorts(visibleTo: context.viewer).count,
            csrfToken: context.csrfToken,
            programBoards: programBoards.map { .init(title: $0.title, href: SiteURL.board.path($0.id!), archived: $0.archivedAt != nil) })
        return try renderer.render(page, request: request, context: context)
    }

    @Sendable func people(_ request: Request, context: AdminContext) async throws -> Response {
        try renderer.render(try await peoplePage(context), request: request, context: context)
    }

    @Sendable func invite(_ request: Request, context: AdminContext) async throws -> Response {
        let form = try await request.decode(as: InviteForm.self, context: context)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else {
            throw HTTPError(.unprocessableContent, message: "Choose one of the roles offered.")
        }
        do {
            let (token, invitation) = try await database.invite(email: form.email ?? "", role: role,
                                                                by: context.viewer.id)
            let link = InvitationLinks(secure: cookies.secure).url(for: token, request: request)
            let flash = Flash(.notice, "Invitation mailed to \(invitation.email). You can also pass on this link yourself (valid 14 days, single use):",
                              link: link)
            return .seeOther(SiteURL.adminPeople.path, flash: flash, cookies: cookies)
        } catch let error as AccountError {
            var page = try await peoplePage(context, selectedRole: role)
            page.inviteEmail = form.email ?? ""
            page.inviteError = error.message
            return try renderer.render(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func revoke(_ request: Request, context: AdminContext) async throws -> Response {
        let id = try context.id("invitation")
        try await database.revokeInvitation(id: id, by: context.viewer.id)
        return .seeOther(SiteURL.adminPeople.path, flash: Flash(.notice, "Invitation withdrawn."), cookies: cookies)
    }

    struct BoardForm: Decodable { var title: String? }

    @Sendable func addProgramBoard(_ request: Request, context: AdminContext) async throws -> Response {
        let form = try await request.decode(as: BoardForm.self, context: context)
        let board = try await database.addBoard(title: form.title ?? "", cohortId: nil, viewer: context.viewer)
        return .seeOther(SiteURL.admin.path, flash: Flash(.notice, "Board “\(board.title)” added for every cohort."), cookies: cookies)
    }

    private func peoplePage(_ context: AdminContext, selectedRole: Role = .educator) async throws -> AdminPeoplePage {
        AdminPeoplePage(csrfToken: context.csrfToken, users: try await database.allUsers(),
                        invitations: try await database.pendingInvitations(), selectedRole: selectedRole)
    }
}
