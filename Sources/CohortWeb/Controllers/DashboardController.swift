import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// The home page after sign-in.
struct DashboardController {
    let database: AppDatabase
    let renderer: PageRenderer

    func addRoutes(to signedIn: RouteGroup<SignedInContext>) {
        signedIn.get(SiteURL.dashboard, use: show)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let viewer = context.viewer
        let now = Date()
        let visible = try await database.cohorts(visibleTo: viewer)
        var memberOf: [DashboardPage.Membership] = []
        for summary in visible where summary.viewerRole != nil {
            let cohortId = summary.cohort.id!
            let cohort = try await database.dashboardCohort(cohortId: cohortId, viewer: viewer, now: now)
            memberOf.append(.init(overview: cohort.overview, own: cohort.own, progress: cohort.own != nil ? cohort.progress : nil,
                                  portfolio: cohort.portfolio, boards: try await database.boards(forCohort: cohortId, viewer: viewer)))
        }
        let attention = try await database.attentionList(for: viewer, now: now)
        let replies = try await database.repliesToMe(viewer: viewer)
        let asked = try await database.feedbackAskedOfMe(viewer: viewer)
        let queue = viewer.mayReview ? try await database.queueStatus(viewer: viewer, now: now) : nil
        let page = DashboardPage(viewer: viewer, memberOf: memberOf, all: visible, attention: attention,
                                 replies: replies, feedbackAsked: asked, queue: queue,
                                 firstThings: try await database.firstThings(for: viewer, now: now),
                                 feedbackReceived: viewer.hasArtifacts ? try await database.feedbackReceived(viewer: viewer) : [],
                                 csrfToken: context.csrfToken, now: now)
        return try renderer.render(page, request: request, context: context)
    }
}
