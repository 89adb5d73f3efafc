import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// "Which cohort?": the navigation's Boards and Portfolio for someone in several
/// cohorts; with only one to choose, straight to it.
struct CohortChoiceController {
    let database: AppDatabase
    let renderer: PageRenderer

    func addRoutes(to signedIn: RouteGroup<SignedInContext>) {
        signedIn.get(SiteURL.boards, use: boards)
        signedIn.get(SiteURL.portfolios, use: portfolios)
    }

    @Sendable func boards(_ request: Request, context: SignedInContext) async throws -> Response {
        guard context.viewer.readsBoards else { throw HTTPError(.forbidden, message: "Boards belong to cohorts, and you are in none.") }
        let cohorts = try await database.cohorts(visibleTo: context.viewer)
        return try choose(cohorts, page: "Boards", lead: "Each cohort has its own boards. Which cohort’s?", link: SiteURL.cohortBoards.path,
                          request: request, context: context)
    }

    @Sendable func portfolios(_ request: Request, context: SignedInContext) async throws -> Response {
        let cohorts = try await database.cohorts(visibleTo: context.viewer).filter { $0.viewerRole == .participant }
        guard !cohorts.isEmpty else { throw PortfolioError.portfolioNotFound }
        return try choose(cohorts, page: "Portfolio", lead: "You keep one portfolio in each cohort you take part in. Which one?",
                          link: SiteURL.portfolio.path, request: request, context: context)
    }

    private func choose(_ cohorts: [CohortSummary], page title: String, lead: String, link: (Int64) -> String,
                        request: Request, context: SignedInContext) throws -> Response {
        if cohorts.count == 1 { return .redirect(to: link(cohorts[0].cohort.id!), type: .normal) }
        let page = CohortChoicePage(title: title, lead: lead, cohorts: cohorts.map { summary in
            .init(name: summary.cohort.name, href: link(summary.cohort.id!),
                  detail: "\(summary.viewerRole?.title ?? "All cohorts") · starts \(TimeDisplay.day(summary.cohort.startsOn))")
        })
        return try renderer.render(page, request: request, context: context)
    }
}
