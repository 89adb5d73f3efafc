import CohortModel
import CohortURLs
import Foundation
import Hummingbird

/// An educator's portfolio builder and submission.
struct PortfolioController {
    let database: AppDatabase
    let renderer: PageRenderer
    let cookies: CookieFactory

    func addRoutes(to members: RouteGroup<CohortMemberContext>) {
        members.get(SiteURL.portfolio, use: show)
        members.post(SiteURL.portfolio, use: save)
        members.post(SiteURL.portfolioSubmit, use: submit)
    }

    @Sendable func show(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let view = try await database.portfolioView(cohortId: context.cohortId, viewer: context.viewer)
        return try renderer.render(PortfolioPage(view, csrfToken: context.csrfToken), request: request, context: context)
    }

    @Sendable func save(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let cohortId = context.cohortId
        // Field names carry the indicator: criterion-<id>-artifact and criterion-<id>-context.
        let form = try await request.decode(as: [String: String].self, context: context)
        var entries: [Int64: (versionId: Int64?, context: String)] = [:]
        for (key, value) in form where key.hasPrefix("criterion-") {
            let parts = key.split(separator: "-")
            guard parts.count == 3, let indicatorId = Int64(parts[1]) else { continue }
            var entry = entries[indicatorId] ?? (nil, "")
            if parts[2] == "artifact" { entry.versionId = Int64(value) } else if parts[2] == "context" { entry.context = value }
            entries[indicatorId] = entry
        }
        try await database.savePortfolio(cohortId: cohortId, reflection: form["reflection"] ?? "", entries: entries,
                                         viewer: context.viewer)
        return .seeOther(SiteURL.portfolio.path(cohortId), flash: Flash(.notice, "Portfolio saved."), cookies: cookies)
    }

    @Sendable func submit(_ request: Request, context: CohortMemberContext) async throws -> Response {
        let cohortId = context.cohortId
        do {
            _ = try await database.submitPortfolio(cohortId: cohortId, viewer: context.viewer)
            return .seeOther(SiteURL.portfolio.path(cohortId),
                             flash: Flash(.notice, "Submitted. An evaluator will review it; you will be told of the decision."),
                             cookies: cookies)
        } catch let error as PortfolioError where error.kind == .invalidInput {
            return .seeOther(SiteURL.portfolio.path(cohortId), flash: Flash(.alert, error.message), cookies: cookies)
        }
    }
}
