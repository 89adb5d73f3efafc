import CohortURLs
import Hummingbird

/// The routes of one policy. The application builder makes one per policy and hands
/// them to the controllers, which register `SiteURL` patterns on them; every route is
/// written into the route table with its policy, body and CSRF protection.
struct RouteGroup<Context: PolicyContext> {
    let group: RouterGroup<Context>
    let table: RouteTable

    func get(_ route: some RoutePattern, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) {
        group.get(Self.path(route), use: handler)
        table.declare(.init(method: .get, url: route.url, policy: Context.policy, body: .none, csrf: .none))
    }

    func post(_ route: some RoutePattern, body: RouteBody = .form, csrf: RouteCSRF = .token,
              use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator) {
        group.post(Self.path(route), use: handler)
        table.declare(.init(method: .post, url: route.url, policy: Context.policy, body: body, csrf: csrf))
    }

    private static func path(_ route: some RoutePattern) -> RouterPath {
        RouterPath(route.url.pattern.isEmpty ? "/" : route.url.pattern)
    }
}

/// The builder's groups, one per policy.
struct RouteGroups {
    let anyone: RouteGroup<AppRequestContext>
    let signedIn: RouteGroup<SignedInContext>
    let members: RouteGroup<CohortMemberContext>
    let facilitators: RouteGroup<FacilitatorContext>
    let cohortAdmins: RouteGroup<CohortAdminContext>
    let moderators: RouteGroup<ModeratorContext>
    let evaluators: RouteGroup<EvaluatorContext>
    let admins: RouteGroup<AdminContext>

    init(router: Router<AppRequestContext>, table: RouteTable) {
        anyone = RouteGroup(group: router.group(), table: table)
        signedIn = RouteGroup(group: router.group(context: SignedInContext.self), table: table)
        members = RouteGroup(group: router.group(context: CohortMemberContext.self), table: table)
        facilitators = RouteGroup(group: router.group(context: FacilitatorContext.self), table: table)
        cohortAdmins = RouteGroup(group: router.group(context: CohortAdminContext.self), table: table)
        moderators = RouteGroup(group: router.group(context: ModeratorContext.self), table: table)
        evaluators = RouteGroup(group: router.group(context: EvaluatorContext.self), table: table)
        admins = RouteGroup(group: router.group(context: AdminContext.self), table: table)
    }
}
