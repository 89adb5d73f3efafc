import CohortModel
import Hummingbird

/// The home page after sign-in.
struct DashboardController {
    let database: AppDatabase
    let renderer: PageRenderer

    func register(on router: Router<AppRequestContext>) {
        router.group(context: SignedInContext.self).get("/", use: show)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let cohorts = try await database.cohorts(visibleTo: context.viewer)
        return try renderer.render(DashboardPage(viewer: context.viewer, cohorts: cohorts), request: request,
                                   context: context)
    }
}
