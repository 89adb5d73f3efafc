import CohortModel
import CohortURLs
import Hummingbird

/// One person's account, for admins: role, closing and opening it, a password
/// reset sent on their behalf, and their cohorts.
struct AdminPersonController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    struct RoleForm: Decodable { var role: String? }

    func addRoutes(to admins: RouteGroup<AdminContext>) {
        admins.get(SiteURL.adminPerson, use: show)
        admins.post(SiteURL.adminPersonRole, use: changeRole)
        admins.post(SiteURL.adminPersonDeactivate, use: deactivate)
        admins.post(SiteURL.adminPersonReactivate, use: reactivate)
        admins.post(SiteURL.adminPersonPasswordReset, use: sendReset)
        admins.post(SiteURL.membershipRemoval, use: removeFromCohort)
    }

    @Sendable func show(_ request: Request, context: AdminContext) async throws -> Response {
        let (user, cohorts) = try await database.account(userId: try personId(context), viewer: context.viewer)
        return try renderer.render(AdminPersonPage(csrfToken: context.csrfToken, user: user, cohorts: cohorts),
                                   request: request, context: context)
    }

    @Sendable func changeRole(_ request: Request, context: AdminContext) async throws -> Response {
        let id = try personId(context)
        let form = try await request.decode(as: RoleForm.self, context: context)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else {
            throw HTTPError(.unprocessableContent, message: "Choose one of the roles offered.")
        }
        try await database.changeRole(userId: id, to: role, viewer: context.viewer)
        return done(id, "The role is now \(role.title.lowercased()).")
    }

    @Sendable func deactivate(_ request: Request, context: AdminContext) async throws -> Response {
        let id = try personId(context)
        try await database.deactivate(userId: id, viewer: context.viewer)
        return done(id, "The account is closed and signed out everywhere.")
    }

    @Sendable func reactivate(_ request: Request, context: AdminContext) async throws -> Response {
        let id = try personId(context)
        try await database.reactivate(userId: id, viewer: context.viewer)
        return done(id, "The account is open again.")
    }

    @Sendable func sendReset(_ request: Request, context: AdminContext) async throws -> Response {
        let id = try personId(context)
        let user = try await database.sendPasswordReset(userId: id, viewer: context.viewer)
        return done(id, "A link to choose a new password is on its way to \(user.email).")
    }

    @Sendable func removeFromCohort(_ request: Request, context: AdminContext) async throws -> Response {
        let id = try personId(context)
        guard let cohortId = context.parameters.get("cohort", as: Int64.self) else { throw HTTPError(.notFound) }
        try await database.removeMember(userId: id, cohortId: cohortId, viewer: context.viewer)
        return done(id, "Removed from the cohort. What they wrote there stays.")
    }

    private func personId(_ context: AdminContext) throws -> Int64 {
        guard let id = context.parameters.get("person", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    private func done(_ id: Int64, _ message: String) -> Response {
        .seeOther(SiteURL.adminPerson.path(id), flash: Flash(.notice, message), cookies: cookies)
    }
}
